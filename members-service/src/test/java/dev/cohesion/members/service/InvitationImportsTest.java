package dev.cohesion.members.service;

import dev.cohesion.kit.api.problem.ProblemException;
import dev.cohesion.members.domain.InvitationImportRow;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** How a bulk invitation file is read (docs/bulk-invitations.md); what happens to its rows is InvitationImportIT's. */
class InvitationImportsTest {

    @Test
    void rows_are_numbered_by_line_with_quoted_fields_and_blank_cells_absent() {
        List<InvitationImportRow> rows = InvitationImports.parse("email,displayName,constituency,organisation\r\n"
                + "a@example.org,\"Lopes, Ana\",ACADEMIC,\r\n"
                + "b@example.org,Ben,OTHER,\"Org \"\"B\"\"\"\r\n");
        assertThat(rows.size(), equalTo(2));
        assertThat(rows.get(0).line, equalTo(2));
        assertThat(rows.get(0).displayName, equalTo("Lopes, Ana"));
        assertThat(rows.get(0).organisation, nullValue());
        assertThat(rows.get(1).line, equalTo(3));
        assertThat(rows.get(1).organisation, equalTo("Org \"B\""));
    }

    @Test
    void a_file_of_more_than_ten_thousand_rows_or_with_other_columns_is_refused_whole() {
        String header = "displayName,email,constituency\n";
        String limit = IntStream.range(0, 10_000).mapToObj(i -> "P,p" + i + "@x.org,OTHER").collect(Collectors.joining("\n"));
        assertThat(InvitationImports.parse(header + limit).size(), equalTo(10_000));
        ProblemException tooMany = assertThrows(ProblemException.class, () -> InvitationImports.parse(header + limit + "\nQ,q@x.org,OTHER"));
        assertThat(tooMany.toProblem("x").errors().get(0).message(), containsString("more than 10000 rows"));
        ProblemException columns = assertThrows(ProblemException.class, () -> InvitationImports.parse("displayName,mail,constituency,age\nA,a@x.org,OTHER,3\n"));
        assertThat(columns.toProblem("x").errors().get(0).message(), containsString("missing [email]; unknown [age, mail]"));
        assertThrows(ProblemException.class, () -> InvitationImports.parse("displayName,email,constituency\n\"unclosed,a@x.org,OTHER\n"));
        assertThrows(ProblemException.class, () -> InvitationImports.parse("name,email\n"));
        ProblemException empty = assertThrows(ProblemException.class, () -> InvitationImports.parse(""));
        assertThat(empty.toProblem("x").errors().get(0).message(), containsString("is empty"));
    }
}
