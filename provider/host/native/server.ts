/**
 * The native plugin's gRPC server: Pulumi's provider protocol, over the protos `@pulumi/pulumi`
 * ships and its own `@grpc/grpc-js`, turned into calls of `NativeProvider`. Written here rather
 * than taken from `@pulumi/pulumi/provider`'s `main`, which drops the config `Configure` sends
 * (the API key would never arrive) and answers no detailed diff. Calls it does not serve
 * (Call, List) answer UNIMPLEMENTED, as the engine expects.
 */
/* eslint-disable @typescript-eslint/no-require-imports -- the protos are CommonJS modules of @pulumi/pulumi */
import * as fs from "node:fs";
import { createRequire } from "node:module";
import * as path from "node:path";
import type * as grpcTypes from "@grpc/grpc-js";
import type * as enginePb from "@pulumi/pulumi/proto/engine_pb";
import type * as pluginPb from "@pulumi/pulumi/proto/plugin_pb";
import type * as providerPb from "@pulumi/pulumi/proto/provider_pb";
import { printWarning, type Warn } from "../run";
import { construct, type ComponentFactory } from "./construct";
import type { DiffKind, NativeDiff, NativeProvider } from "./provider";
import { propsOf, secretNames, settingsOf, withSecrets, type Props } from "./values";

// The gRPC library and the protobuf runtime the protos were generated against: @pulumi/pulumi's own.
const fromPulumi = createRequire(require.resolve("@pulumi/pulumi"));
const grpc = fromPulumi("@grpc/grpc-js") as typeof grpcTypes;
const structPb = fromPulumi("google-protobuf/google/protobuf/struct_pb") as {
  Struct: { fromJavaScript(v: Props): unknown };
};
const emptyPb = fromPulumi("google-protobuf/google/protobuf/empty_pb") as { Empty: new () => unknown };
const proto = require("@pulumi/pulumi/proto/provider_pb") as typeof providerPb;
const plugin = require("@pulumi/pulumi/proto/plugin_pb") as typeof pluginPb;
const services = require("@pulumi/pulumi/proto/provider_grpc_pb") as {
  ResourceProviderService: grpcTypes.ServiceDefinition;
};

/** The package's schema.json, at the root of the installed package (see scripts/schema.ts). */
const SCHEMA_FILE = path.resolve(__dirname, "..", "..", "..", "..", "schema.json");

type Call<Req> = { request: Req };
type Callback = (err: grpcTypes.ServiceError | { code: number; details: string } | null, value?: unknown) => void;

/** A unary handler from an async function: a thrown error is the call's error, its message shown by the engine. */
const unary =
  <Req>(fn: (req: Req) => unknown) =>
  (call: Call<Req>, callback: Callback) => {
    Promise.resolve()
      .then(() => fn(call.request))
      .then(
        (value) => callback(null, value),
        (e: unknown) => callback({ code: grpc.status.UNKNOWN, details: e instanceof Error ? e.message : String(e) }),
      );
  };

/** Properties as a Struct; an undefined value is left out (a Struct has no such value). */
const struct = (v: Props) =>
  structPb.Struct.fromJavaScript(JSON.parse(JSON.stringify(v)) as Props) as ReturnType<
    providerPb.CheckResponse["getInputs"]
  >;

/** The top-level names of a Struct whose values hold a secret. */
const secretsOf = (v: { toJavaScript(): Props } | undefined) => secretNames(v ? v.toJavaScript() : {});

const KINDS: Record<DiffKind, providerPb.PropertyDiff.Kind> = {
  add: proto.PropertyDiff.Kind.ADD,
  "add-replace": proto.PropertyDiff.Kind.ADD_REPLACE,
  delete: proto.PropertyDiff.Kind.DELETE,
  "delete-replace": proto.PropertyDiff.Kind.DELETE_REPLACE,
  update: proto.PropertyDiff.Kind.UPDATE,
  "update-replace": proto.PropertyDiff.Kind.UPDATE_REPLACE,
};

function diffResponse(d: NativeDiff): providerPb.DiffResponse {
  const resp = new proto.DiffResponse();
  resp.setChanges(d.changes ? proto.DiffResponse.DiffChanges.DIFF_SOME : proto.DiffResponse.DiffChanges.DIFF_NONE);
  resp.setReplacesList(d.replaces);
  resp.setDiffsList(Object.keys(d.detailed));
  resp.setHasdetaileddiff(true);
  const map = resp.getDetaileddiffMap();
  for (const [key, kind] of Object.entries(d.detailed)) {
    const p = new proto.PropertyDiff();
    p.setKind(KINDS[kind]);
    p.setInputdiff(true);
    map.set(key, p);
  }
  return resp;
}

function checkResponse(r: { inputs: Props; failures: Array<{ property: string; reason: string }> }) {
  const resp = new proto.CheckResponse();
  resp.setInputs(struct(r.inputs));
  resp.setFailuresList(
    r.failures.map((f) => {
      const failure = new proto.CheckFailure();
      failure.setProperty(f.property);
      failure.setReason(f.reason);
      return failure;
    }),
  );
  return resp;
}

/** What the plugin is besides its provider: its version, its cancel, the engine's address, its components. */
export interface PluginParts {
  version: string;
  cancel: () => void;
  engineAddress: string | undefined;
  components: Record<string, ComponentFactory>;
}

/** The service implementation the gRPC server adds: every call the plugin serves. */
export function providerService(provider: NativeProvider, parts: PluginParts) {
  const { version, cancel } = parts;
  const empty = () => new emptyPb.Empty();
  return {
    getPluginInfo: unary(() => {
      const info = new plugin.PluginInfo();
      info.setVersion(version);
      return info;
    }),
    getSchema: unary(() => {
      const resp = new proto.GetSchemaResponse();
      resp.setSchema(fs.readFileSync(SCHEMA_FILE, "utf8"));
      return resp;
    }),
    checkConfig: unary((req: providerPb.CheckRequest) => {
      const checked = provider.checkConfig(propsOf(req.getNews()));
      return checkResponse({ ...checked, inputs: withSecrets(checked.inputs, secretsOf(req.getNews())) });
    }),
    diffConfig: unary((req: providerPb.DiffRequest) =>
      diffResponse(provider.diffConfig(propsOf(req.getOlds()), propsOf(req.getNews()))),
    ),
    configure: unary((req: providerPb.ConfigureRequest) => {
      const variables = new Map(req.getVariablesMap().toArray());
      provider.configure(settingsOf(variables, propsOf(req.getArgs())));
      // Secrets arrive wrapped (the components need them so) and leave wrapped (values.ts); previews
      // ask create and update.
      const resp = new proto.ConfigureResponse();
      resp.setAcceptsecrets(true);
      resp.setSupportspreview(true);
      resp.setAcceptresources(false);
      resp.setAcceptoutputs(false);
      return resp;
    }),
    check: unary(async (req: providerPb.CheckRequest) => {
      const checked = await provider.check(req.getUrn(), propsOf(req.getOlds()), propsOf(req.getNews()));
      return checkResponse({ ...checked, inputs: withSecrets(checked.inputs, secretsOf(req.getNews())) });
    }),
    diff: unary((req: providerPb.DiffRequest) =>
      diffResponse(provider.diff(req.getUrn(), propsOf(req.getOlds()), propsOf(req.getNews()))),
    ),
    create: unary(async (req: providerPb.CreateRequest) => {
      const made = await provider.create(req.getUrn(), propsOf(req.getProperties()), req.getPreview());
      const resp = new proto.CreateResponse();
      resp.setId(made.id);
      resp.setProperties(struct(withSecrets(made.outs, secretsOf(req.getProperties()))));
      return resp;
    }),
    read: unary(async (req: providerPb.ReadRequest) => {
      const found = await provider.read(req.getUrn(), req.getId(), propsOf(req.getProperties()));
      const resp = new proto.ReadResponse();
      const secrets = new Set([...secretsOf(req.getProperties()), ...secretsOf(req.getInputs())]);
      resp.setId(found.id);
      resp.setProperties(struct(withSecrets(found.props, secrets)));
      if (found.inputs) resp.setInputs(struct(withSecrets(found.inputs, secrets)));
      return resp;
    }),
    update: unary(async (req: providerPb.UpdateRequest) => {
      const [olds, news] = [propsOf(req.getOlds()), propsOf(req.getNews())];
      const outs = await provider.update(req.getUrn(), req.getId(), olds, news, req.getPreview());
      const resp = new proto.UpdateResponse();
      resp.setProperties(struct(withSecrets(outs, secretsOf(req.getNews()))));
      return resp;
    }),
    delete: unary(async (req: providerPb.DeleteRequest) => {
      await provider.delete(req.getUrn(), req.getId(), propsOf(req.getProperties()));
      return empty();
    }),
    invoke: unary(async (req: providerPb.InvokeRequest) => {
      const { outputs, failures } = await provider.invoke(req.getTok(), propsOf(req.getArgs()));
      const resp = new proto.InvokeResponse();
      resp.setReturn(struct(outputs));
      resp.setFailuresList(checkResponse({ inputs: {}, failures }).getFailuresList());
      return resp;
    }),
    construct: unary((req: providerPb.ConstructRequest) =>
      construct(req, parts.engineAddress, parts.components, (v) => struct(v)),
    ),
    cancel: unary(() => {
      cancel();
      return empty();
    }),
    attach: unary(() => empty()),
  };
}

/** Serves the plugin on a free port of this machine and answers the port, which the engine reads from stdout. */
export async function serve(service: ReturnType<typeof providerService>): Promise<number> {
  const server = new grpc.Server({ "grpc.max_receive_message_length": 400 * 1024 * 1024 });
  server.addService(services.ResourceProviderService, service);
  return new Promise((resolve, reject) =>
    server.bindAsync("127.0.0.1:0", grpc.ServerCredentials.createInsecure(), (err, port) =>
      err ? reject(err) : resolve(port),
    ),
  );
}

/**
 * Messages on the resource they are about, through the engine's log service at `engineAddress`:
 * warnings, or the progress of a long operation (info, shown while it runs).
 */
export function engineLog(engineAddress: string | undefined, severity: "warning" | "info"): Warn {
  const fallback: Warn = severity === "warning" ? printWarning : (_s, message) => console.error(message);
  if (!engineAddress) return fallback;
  const engine = require("@pulumi/pulumi/proto/engine_pb") as typeof enginePb;
  const { EngineClient } = require("@pulumi/pulumi/proto/engine_grpc_pb") as {
    EngineClient: new (
      address: string,
      credentials: grpcTypes.ChannelCredentials,
    ) => {
      log(req: enginePb.LogRequest, callback: (err: Error | null) => void): void;
    };
  };
  const client = new EngineClient(engineAddress, grpc.credentials.createInsecure());
  return (subject, message) => {
    const req = new engine.LogRequest();
    req.setSeverity(severity === "warning" ? engine.LogSeverity.WARNING : engine.LogSeverity.INFO);
    req.setMessage(message);
    if (subject.urn) req.setUrn(subject.urn);
    client.log(req, (err) => {
      if (err) fallback(subject, message);
    });
  };
}
