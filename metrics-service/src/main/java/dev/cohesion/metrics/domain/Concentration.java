package dev.cohesion.metrics.domain;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/** How concentrated participation is: the top 10%'s share, and how few organisations make half of it. */
public final class Concentration {

    private Concentration() {
    }

    /** Share of the total held by the top 10% of members (at least one member); null when nobody participates. */
    public static Double top10Share(Collection<Double> participation) {
        List<Double> sorted = new ArrayList<>(participation);
        sorted.sort(Comparator.reverseOrder());
        double total = sorted.stream().mapToDouble(Double::doubleValue).sum();
        if (total <= 0) {
            return null;
        }
        int top = Math.max(1, (int) Math.ceil(sorted.size() * 0.1));
        double head = sorted.subList(0, top).stream().mapToDouble(Double::doubleValue).sum();
        return head / total;
    }

    /** The smallest number of organisations whose participation makes at least half the total; 0 when none. */
    public static int organisationsForHalf(Map<String, Double> byOrganisation) {
        List<Double> sorted = new ArrayList<>(byOrganisation.values());
        sorted.sort(Comparator.reverseOrder());
        double total = sorted.stream().mapToDouble(Double::doubleValue).sum();
        if (total <= 0) {
            return 0;
        }
        double sum = 0;
        int n = 0;
        for (double v : sorted) {
            sum += v;
            n++;
            if (sum >= total / 2) {
                return n;
            }
        }
        return n;
    }
}
