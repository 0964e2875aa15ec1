/**
 * Type plumbing that derives every facade method's argument and result types from the
 * openapi-typescript `operations` interfaces, so the facade restates no field of the spec.
 */
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

/** Top-level request body fields; all optional when the spec makes the body optional. */
export type BodyArgs<Op> = Op extends { requestBody: { content: { "application/json": infer B } } }
  ? ObjectOr<B>
  : Op extends { requestBody?: { content: { "application/json": infer B } } }
    ? Partial<ObjectOr<B>>
    : {};

/** The single argument object of a facade method: path, query and body side by side. */
export type ArgsOf<Op, Without extends string = never> = Simplify<Omit<PathArgs<Op> & QueryArgs<Op> & BodyArgs<Op>, Without> & CallOptions>;

/** The JSON body of the operation's 200 or 201 answer. */
export type ResultOf<Op> = Op extends { responses: infer R }
  ? {
      [S in keyof R]: S extends 200 | 201 ? (R[S] extends { content: { "application/json": infer B } } ? B : never) : never;
    }[keyof R]
  : never;

/** The arguments of a list method: those of the operation without the token parameters the iterator owns (`skiptoken` by default). */
export type ListArgsOf<Op, Owned extends string = "skiptoken"> = ArgsOf<Op, Owned>;

type SuccessStatus = 200 | 201 | 202 | 203 | 204;
/** True when some success answer of the operation carries no JSON body (202, 204, or 200 with none). */
type HasEmptySuccess<Op> = Op extends { responses: infer R }
  ? true extends { [S in keyof R]: S extends SuccessStatus ? (R[S] extends { content: { "application/json": unknown } } ? false : true) : false }[keyof R]
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

/** The element type of a list operation's items array (`value`, or the spec's `itemName` such as `data`). */
export type ItemOf<Op, Key extends string = "value"> = NonNullable<ResultOf<Op>> extends { [K in Key]?: infer V } ? (NonNullable<V> extends readonly (infer I)[] ? I : never) : never;

/** True when every key of T is optional, so the argument object itself may be omitted. */
export type AllOptional<T> = {} extends T ? true : false;
