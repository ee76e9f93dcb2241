// Prints target-IR expressions. Operands are parenthesised generously;
// prettier then keeps exactly the parentheses TypeScript needs.

import type { TsExpr } from "../ir/ts-ir.js";

const ATOMIC = new Set<TsExpr["t"]>(["raw", "call", "member", "index", "array", "object", "template", "nonNull"]);

function operand(e: TsExpr): string {
  const s = printExpr(e);
  return ATOMIC.has(e.t) || (e.t === "raw" && !/\s/.test(e.text)) ? s : `(${s})`;
}

export function printExpr(e: TsExpr): string {
  switch (e.t) {
    case "raw":
      return e.text;
    case "call":
      return `${e.isNew ? "new " : ""}${operand(e.callee)}(${e.args.map(printExpr).join(", ")})`;
    case "member":
      return `${operandForMember(e.object)}${e.optional ? "?." : "."}${e.name}`;
    case "index":
      return `${operandForMember(e.object)}[${printExpr(e.index)}]`;
    case "binary":
      return `${operand(e.left)} ${e.op} ${operand(e.right)}`;
    case "unary":
      return `${e.op}${operand(e.operand)}`;
    case "await":
      return `await ${operand(e.expr)}`;
    case "cond":
      return `${operand(e.test)} ? ${operand(e.then)} : ${operand(e.otherwise)}`;
    case "array":
      return `[${e.elements.map(printExpr).join(", ")}]`;
    case "object":
      return e.props.length ? `{ ${e.props.map(([k, v]) => `${/^[A-Za-z_$][\w$]*$/.test(k) ? k : JSON.stringify(k)}: ${printExpr(v)}`).join(", ")} }` : "{}";
    case "template": {
      let out = "`" + e.quasis[0]!;
      e.exprs.forEach((x, i) => {
        out += "${" + printExpr(x) + "}" + e.quasis[i + 1]!;
      });
      return out + "`";
    }
    case "arrow":
      return `${e.isAsync ? "async " : ""}(${e.params.join(", ")}) => ${e.body.t === "object" ? `(${printExpr(e.body)})` : operand(e.body)}`;
    case "labeled":
      return `/* ${e.label} */ ${printExpr(e.expr)}`;
    case "cast":
      return `(${printExpr(e.expr)} as ${e.type})`;
    case "spread":
      return `...${operand(e.expr)}`;
    case "nonNull":
      return `${operandForMember(e.expr)}!`;
  }
}

function operandForMember(e: TsExpr): string {
  const s = printExpr(e);
  if (e.t === "raw" && /^\d+$/.test(e.text)) return `(${s})`;
  return ATOMIC.has(e.t) ? s : `(${s})`;
}
