/**
 * Type plumbing that derives every facade method's argument and result types from the
 * openapi-typescript `operations` interfaces, so the facade restates no field of the spec.
 */
import type { Download } from "./download.js";
import type { CallOptions } from "./options.js";

type Simplify<T> = { [K in keyof T]: T[K] } & {};
type IsNever<T> = [T] extends [never] ? true : false;
type ObjectOr<T> = IsNever<T> extends true ? {} : T extends object ? T : {};

/** Path parameters, under their spec names. */
export type PathArgs<Op> = Op extends { parameters: { path?: infer P } } ? ObjectOr<NonNullable<P>> : {};

type RawQuery<Op> = Op extends { parameters: { query?: infer Q } } ? ObjectOr<NonNullable<Q>> : {};
/**
 * Query parameters without `$` (`top`, `filter`) and without `api-version` (that is `apiVersion`),
 * required where the spec requires them. `$top` and `$skip` are numbers for callers even where a
 * route declares them as strings.
 */
export type QueryArgs<Op> = {
  [K in keyof RawQuery<Op> as K extends "api-version" ? never : K extends `$${infer Rest}` ? Rest : K]: K extends "$top" | "$skip" ? number : RawQuery<Op>[K];
};

/** The body's fields side by side with the rest; a body that is not an object (an array) is `body`. */
type BodyFields<B> = B extends readonly unknown[] ? { body: B } : ObjectOr<B>;

/** The fields of a multipart form: a text field may also be given as file content (the spec types files as strings). */
type FormFields<B> = { [K in keyof ObjectOr<B>]: ObjectOr<B>[K] extends string | undefined ? ObjectOr<B>[K] | Blob | Uint8Array | ArrayBuffer : ObjectOr<B>[K] };

/** Top-level request body fields; all optional when the spec makes the body optional. */
export type BodyArgs<Op> = Op extends { requestBody: { content: { "application/json": infer B } } }
  ? BodyFields<B>
  : Op extends { requestBody?: { content: { "application/json": infer B } } }
    ? Partial<BodyFields<B>>
    : Op extends { requestBody: { content: { "multipart/form-data": infer B } } }
      ? FormFields<B>
      : Op extends { requestBody?: { content: { "multipart/form-data": infer B } } }
        ? Partial<FormFields<B>>
        : {};

/** The single argument object of a facade method: path, query and body side by side. */
export type ArgsOf<Op, Without extends string = never> = Simplify<Omit<PathArgs<Op> & QueryArgs<Op> & BodyArgs<Op>, Without> & CallOptions>;

/** The body of one answer: its JSON, a {@link Download} when it has another media type, never when none. */
type BodyOf<Answer> = Answer extends { content: { "application/json": infer B } } ? B : Answer extends { content: Record<string, unknown> } ? Download : never;

/** The JSON body of the operation's 200 or 201 answer, or a {@link Download} when that body is not JSON (a file). */
export type ResultOf<Op> = Op extends { responses: infer R }
  ? {
      [S in keyof R]: S extends 200 | 201 ? BodyOf<R[S]> : never;
    }[keyof R]
  : never;

/**
 * The arguments of a list method: those of the operation without `skiptoken` and the other query
 * parameters the iterator owns (`Owned`: a continuation token or a page number).
 */
export type ListArgsOf<Op, Owned extends string = never> = ArgsOf<Op, "skiptoken" | Owned>;

type SuccessStatus = 200 | 201 | 202 | 203 | 204;
/** True when some success answer of the operation carries no body (202, 204, or 200 with none). */
type HasEmptySuccess<Op> = Op extends { responses: infer R }
  ? true extends { [S in keyof R]: S extends SuccessStatus ? (R[S] extends { content: Record<string, unknown> } ? false : true) : false }[keyof R]
    ? true
    : false
  : false;

/**
 * What a single-call method resolves with: the 200/201 JSON body; `| undefined` when the service
 * may also answer without one; `void` when it never sends one.
 */
export type CallResultOf<Op> = [ResultOf<Op>] extends [never] ? void : HasEmptySuccess<Op> extends true ? ResultOf<Op> | undefined : ResultOf<Op>;

/** The arguments of a wait-until method: the GET's path parameters and how to wait. */
export type WaitArgsOf<Op> = Simplify<
  PathArgs<Op> & {
    /** Stops the waiting (not the work on the service side). */
    abortSignal?: AbortSignal;
    /** Wait between polls (default: the client's pollIntervalInMs). */
    pollIntervalInMs?: number;
    /** Give up after this long with code `Timeout` (default from the spec); the work goes on. */
    timeoutInMs?: number;
  }
>;

type ElementOf<T> = NonNullable<T> extends readonly (infer E)[] ? E : never;
type Within<I, Key extends string> = [Key] extends [never] ? I : I extends { [K in Key]?: infer W } ? ElementOf<W> : never;

/**
 * The element type of a list operation's items: its `Key` array (default `value`), or the answer
 * itself when that is an array; with `Inner`, the elements of that array in each of those (`itemsWithin`).
 */
export type ItemOf<Op, Key extends string = "value", Inner extends string = never> = Within<
  NonNullable<ResultOf<Op>> extends readonly (infer E)[] ? E : NonNullable<ResultOf<Op>> extends { [K in Key]?: infer V } ? ElementOf<V> : never,
  Inner
>;

/** True when every key of T is optional, so the argument object itself may be omitted. */
export type AllOptional<T> = {} extends T ? true : false;
