// The static type of a record schema, readonly all the way down. The run record is described once, as
// TypeBox schemas in the layers that produce its parts (see src/bench/run-record.ts); every part's
// TypeScript type comes from its schema through this.

import type { Static, TSchema } from '@sinclair/typebox';

type DeepReadonly<T> = T extends readonly (infer Item)[]
  ? readonly DeepReadonly<Item>[]
  : T extends object
    ? { readonly [K in keyof T]: DeepReadonly<T[K]> }
    : T;

/**
 * A schema's static type, readonly all the way down (TypeBox's own arrays and records are mutable), so
 * records built from readonly arrays fit it and nothing that receives one can change it.
 */
export type ReadonlyStatic<S extends TSchema> = DeepReadonly<Static<S>>;
