// A small typed fetch client over the `paths` that openapi-typescript generates from a service's contract.
// It is service-agnostic: createClient<paths>() works for members-service today and for norms-service and
// metrics-service once their contracts are in docs/openapi (import their `paths` from ../generated/<service>).
//
// Request path, query, header parameters and JSON bodies, success bodies and problem+json bodies are all
// taken from the contract: a call that does not match it does not compile.

export type HttpMethod = 'get' | 'put' | 'post' | 'delete' | 'patch';

/** The paths of P that have an operation for method M. */
export type PathsWith<P, M extends HttpMethod> = {
  [K in keyof P]: P[K] extends Record<M, unknown> ? K : never;
}[keyof P] & string;

/** The operation object of method M on path K. */
export type Operation<P, K extends keyof P, M extends HttpMethod> = P[K] extends Record<M, infer O> ? O : never;

// ---- request ----

type ParamsOf<O> = O extends { parameters: infer PR } ? PR : Record<string, never>;

/** A parameter group ('path', 'query', 'header'): required, optional or absent, as the contract says. */
type ParamGroup<O, G extends 'path' | 'query' | 'header'> =
  ParamsOf<O> extends Record<G, infer V>
    ? { [K in G]: V }
    : ParamsOf<O> extends Partial<Record<G, infer V>>
      ? [NonNullable<V>] extends [never] ? unknown : { [K in G]?: NonNullable<V> }
      : unknown;

type RequestBodyOf<O> = O extends { requestBody?: infer RB } ? NonNullable<RB> : never;
type JsonContent<C> = C extends { content: { 'application/json': infer B } } ? B : never;

type BodyGroup<O> = [RequestBodyOf<O>] extends [never]
  ? unknown
  : O extends { requestBody: unknown }
    ? { body: JsonContent<RequestBodyOf<O>> }
    : { body?: JsonContent<RequestBodyOf<O>> };

/** What a call needs besides method and path. */
export type RequestInit<O> = ParamGroup<O, 'path'> & ParamGroup<O, 'query'> & ParamGroup<O, 'header'> & BodyGroup<O> & {
  /** Overrides the client's bearer token for this call. */
  token?: string;
  signal?: AbortSignal;
};

/** The init argument is optional when nothing in it is required. */
type InitArgs<I> = {} extends I ? [init?: I] : [init: I];

// ---- response ----

type ResponsesOf<O> = O extends { responses: infer R } ? R : never;
type SuccessStatus = 200 | 201 | 202 | 203 | 204 | 205 | 206;

/** The JSON body of the contract's 2xx responses (undefined for a 2xx without content). */
export type SuccessBody<O> = {
  [S in keyof ResponsesOf<O> & SuccessStatus]: ResponsesOf<O>[S] extends { content: { 'application/json': infer B } }
    ? B
    : undefined;
}[keyof ResponsesOf<O> & SuccessStatus];

/** The problem+json body of the contract's error responses. */
export type ErrorBody<O> = {
  [S in Exclude<keyof ResponsesOf<O>, SuccessStatus>]: ResponsesOf<O>[S] extends {
    content: { 'application/problem+json': infer B };
  }
    ? B
    : never;
}[Exclude<keyof ResponsesOf<O>, SuccessStatus>];

export type ApiResult<Data, Problem> =
  | { ok: true; status: number; data: Data; headers: Headers }
  | { ok: false; status: number; problem: Problem; headers: Headers };

export interface ClientOptions {
  /** e.g. http://localhost:8081 */
  baseUrl: string;
  /** Bearer token sent on every call unless a call gives its own. */
  token?: string;
  /** Per-call timeout; default 10 s. */
  timeoutMs?: number;
  fetch?: typeof fetch;
}

/** RFC 9457 members every problem has; used to recognise a problem+json body. */
function isProblem(value: unknown): value is { type: string; title: string; status: number } {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return typeof v.type === 'string' && typeof v.title === 'string' && typeof v.status === 'number';
}

function buildUrl(baseUrl: string, template: string, path: object | undefined, query: object | undefined): URL {
  const pathValues = (path ?? {}) as Record<string, unknown>;
  const resolved = template.replace(/\{([^}]+)\}/g, (_, name: string) => {
    const value = pathValues[name];
    if (value === undefined || value === null) throw new Error(`missing path parameter ${name} for ${template}`);
    return encodeURIComponent(String(value));
  });
  const url = new URL(resolved.replace(/^\//, ''), baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`);
  for (const [name, value] of Object.entries((query ?? {}) as Record<string, unknown>)) {
    if (value === undefined || value === null) continue;
    // Arrays go as repeated parameters (OpenAPI style form, explode true): status=ACTIVE&status=SUSPENDED.
    for (const item of Array.isArray(value) ? value : [value]) url.searchParams.append(name, String(item));
  }
  return url;
}

export function createClient<P>(options: ClientOptions) {
  const doFetch = options.fetch ?? fetch;
  const timeoutMs = options.timeoutMs ?? 10_000;

  async function request<M extends HttpMethod, K extends PathsWith<P, M>>(
    method: M,
    path: K,
    ...[init]: InitArgs<RequestInit<Operation<P, K, M>>>
  ): Promise<ApiResult<SuccessBody<Operation<P, K, M>>, ErrorBody<Operation<P, K, M>>>> {
    const parts = (init ?? {}) as {
      path?: object; query?: object; header?: Record<string, unknown>; body?: unknown; token?: string; signal?: AbortSignal;
    };
    const headers = new Headers({ Accept: 'application/json, application/problem+json' });
    for (const [name, value] of Object.entries(parts.header ?? {})) {
      if (value !== undefined && value !== null) headers.set(name, String(value));
    }
    const token = parts.token ?? options.token;
    if (token) headers.set('Authorization', `Bearer ${token}`);
    let body: string | undefined;
    if (parts.body !== undefined) {
      headers.set('Content-Type', 'application/json');
      body = JSON.stringify(parts.body);
    }

    const response = await doFetch(buildUrl(options.baseUrl, path, parts.path, parts.query), {
      method: method.toUpperCase(),
      headers,
      body,
      signal: parts.signal ?? AbortSignal.timeout(timeoutMs),
    });

    const contentType = response.headers.get('Content-Type') ?? '';
    const text = await response.text();
    const json: unknown = text.length > 0 && /[/+]json\b/.test(contentType) ? JSON.parse(text) : undefined;

    if (response.ok) {
      // The JSON boundary: the body is taken to be what the contract says (a contract test checks the server).
      return { ok: true, status: response.status, data: json as SuccessBody<Operation<P, K, M>>, headers: response.headers };
    }
    // A non-problem error body (a proxy's HTML page, say) becomes an about:blank problem (RFC 9457 section 4.2.1),
    // which has the members every problem type requires.
    const problem = isProblem(json)
      ? json
      : {
          type: 'about:blank',
          title: response.statusText || `HTTP ${response.status}`,
          status: response.status,
          detail: text.length > 0 ? text.slice(0, 500) : undefined,
        };
    return { ok: false, status: response.status, problem: problem as ErrorBody<Operation<P, K, M>>, headers: response.headers };
  }

  return {
    request,
    get: <K extends PathsWith<P, 'get'>>(path: K, ...init: InitArgs<RequestInit<Operation<P, K, 'get'>>>) =>
      request('get', path, ...init),
    post: <K extends PathsWith<P, 'post'>>(path: K, ...init: InitArgs<RequestInit<Operation<P, K, 'post'>>>) =>
      request('post', path, ...init),
    put: <K extends PathsWith<P, 'put'>>(path: K, ...init: InitArgs<RequestInit<Operation<P, K, 'put'>>>) =>
      request('put', path, ...init),
    delete: <K extends PathsWith<P, 'delete'>>(path: K, ...init: InitArgs<RequestInit<Operation<P, K, 'delete'>>>) =>
      request('delete', path, ...init),
  };
}

export type Client<P> = ReturnType<typeof createClient<P>>;
