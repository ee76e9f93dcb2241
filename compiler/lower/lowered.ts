// A lowered expression: its TypeScript form and its inferred Python type.
import type { Type } from "../analyze/types.js";
import type { TsExpr } from "../ir/ts-ir.js";

export interface Lowered {
  readonly code: TsExpr;
  readonly type: Type;
  /** The qualified torch path when the value is a namespace or an API member (`torch.nn.Linear`). */
  readonly qualified?: string;
  /** The user function or class the value names, for calls. */
  readonly userFunction?: string;
  readonly userClass?: string;
}

export const lowered = (code: TsExpr, type: Type, extra: Partial<Lowered> = {}): Lowered => ({ code, type, ...extra });
