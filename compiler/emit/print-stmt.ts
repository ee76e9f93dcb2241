// Prints target-IR statements as TypeScript source lines.

import type { TsMethod, TsParam, TsStmt } from "../ir/ts-ir.js";
import { printExpr } from "./print-expr.js";

export function printStatements(stmts: readonly TsStmt[], indent = ""): string {
  return stmts.map((s) => printStatement(s, indent)).join("");
}

function block(stmts: readonly TsStmt[], indent: string): string {
  return `{\n${printStatements(stmts, indent + "  ")}${indent}}`;
}

function params(ps: readonly TsParam[]): string {
  return ps.map((p) => `${p.rest ? "..." : ""}${p.name}${p.type && !(p.init && p.type === "unknown") ? `: ${p.type}` : ""}${p.init ? ` = ${printExpr(p.init)}` : ""}`).join(", ");
}

export function printStatement(s: TsStmt, indent: string): string {
  const line = (text: string): string => `${indent}${text}\n`;
  switch (s.t) {
    case "expr":
      return line(`${printExpr(s.expr)};`);
    case "decl":
      return line(`${s.kind} ${s.name}${s.type ? `: ${s.type}` : ""}${s.init ? ` = ${printExpr(s.init)}` : ""};`);
    case "assign":
      return line(`${printExpr(s.target)} ${s.op} ${printExpr(s.value)};`);
    case "if": {
      let out = `${indent}if (${printExpr(s.test)}) ${block(s.then, indent)}`;
      if (s.otherwise.length === 1 && s.otherwise[0]!.t === "if") out += ` else ${printStatement(s.otherwise[0]!, indent).trimStart()}`;
      else if (s.otherwise.length) out += ` else ${block(s.otherwise, indent)}\n`;
      else out += "\n";
      return out.endsWith("\n") ? out : out + "\n";
    }
    case "forRange": {
      const v = s.name;
      const cmp = s.stepSign === 1 ? "<" : ">";
      const update = s.step.t === "raw" && s.step.text === "1" ? `${v}++` : `${v} += ${printExpr(s.step)}`;
      const simpleStop = s.stop.t === "raw";
      const init = `${s.declare ? "let " : ""}${v} = ${printExpr(s.start)}${simpleStop ? "" : `, stop = ${printExpr(s.stop)}`}`;
      return line(`for (${init}; ${v} ${cmp} ${simpleStop ? printExpr(s.stop) : "stop"}; ${update}) ${block(s.body, indent)}`);
    }
    case "forOf":
      return line(`for (${s.declare ? "const " : ""}${s.pattern} of ${printExpr(s.iter)}) ${block(s.body, indent)}`);
    case "while":
      return line(`while (${printExpr(s.test)}) ${block(s.body, indent)}`);
    case "return":
      return line(s.value ? `return ${printExpr(s.value)};` : "return;");
    case "break":
      return line(s.label ? `break ${s.label};` : "break;");
    case "continue":
      return line("continue;");
    case "throw":
      return line(`throw ${printExpr(s.value)};`);
    case "tryCatch":
      return line(`try ${block(s.body, indent)} catch (${s.catchName}) ${block(s.handler, indent)}${s.finalizer.length ? ` finally ${block(s.finalizer, indent)}` : ""}`);
    case "tryFinally":
      return line(`try ${block(s.body, indent)} finally ${block(s.finalizer, indent)}`);
    case "block":
      return line(`${s.label ? `${s.label}: ` : ""}${block(s.body, indent)}`);
    case "comment":
      return line(`//${s.text}`);
    case "function":
      return line(`${s.isAsync ? "async " : ""}function ${s.name}(${params(s.params)})${s.returnType ? `: ${s.returnType}` : ""} ${block(s.body, indent)}`);
    case "class": {
      const inner = indent + "  ";
      let out = `${indent}class ${s.name}${s.base ? ` extends ${s.base}` : ""} {\n`;
      // Python class attributes (`count = 0` in the class body).
      for (const st of s.statics ?? []) out += `${inner}static ${st.isOverride ? "override " : ""}${st.name}: ${st.type} = ${printExpr(st.init)};\n`;
      for (const f of s.fields) out += `${inner}${s.base ? "declare " : ""}${f.name}${s.base ? "" : "!"}: ${f.type};\n`;
      if ((s.fields.length || s.statics?.length) && s.members.length) out += "\n";
      out += s.members.map((m) => printMethod(m, inner)).join("\n");
      return out + `${indent}}\n`;
    }
  }
}

function printMethod(m: TsMethod, indent: string): string {
  const head = m.kind === "constructor" ? "constructor" : `${m.isStatic ? "static " : ""}${m.isOverride ? "override " : ""}${m.isAsync ? "async " : ""}${m.name}`;
  return `${indent}${head}(${params(m.params)})${m.returnType ? `: ${m.returnType}` : ""} ${block(m.body, indent)}\n`;
}
