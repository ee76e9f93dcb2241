// Python parameters in TypeScript order. A TS rest parameter must come last,
// so keyword-only parameters (`def f(a, *args, flag=False)`) move before
// `*args`; call sites bind them by keyword only and pass `undefined` there
// when they are not given, so the default applies. `**kwargs` is a Map
// parameter (default: empty) just before `*args`; call sites pass the extra
// keywords as `new Map([["name", value], ...])`.

import type { Param } from "../../grammar/ast.js";

/** Indices into `params`, in the order the emitted TS declares them. */
export function tsParamOrder(params: readonly Param[]): number[] {
  const idx = params.map((_, i) => i);
  const rest = idx.filter((i) => params[i]!.variant === "vararg");
  const kwOnly = idx.filter((i) => params[i]!.variant === "normal" && params[i]!.keywordOnly === true);
  const kwargs = idx.filter((i) => params[i]!.variant === "kwarg");
  const normal = idx.filter((i) => !rest.includes(i) && !kwOnly.includes(i) && !kwargs.includes(i));
  return [...normal, ...kwOnly, ...kwargs, ...rest];
}
