// A minimal WebAssembly binary encoder: just enough to emit the CPU backend's
// SIMD kernels from TypeScript at run time. Generating the bytes here (rather
// than shipping a .wasm file or adding an assembler dependency) means the
// runtime loads the same kernels from its TypeScript sources (vitest), from
// the esbuild bundle (dist/runtime.mjs) and from a `pyt2ts bundle` lesson,
// with no build artifact that could go stale. The module is a few KB and is
// generated once, in well under a millisecond.
//
// Reading guide: `Fn` is a function body written as a stack-machine
// instruction list, one method per WebAssembly instruction (the same names as
// the text format, with dots dropped: `f32x4_add` is `f32x4.add`).

export const I32 = 0x7f;
export const V128 = 0x7b;
export type ValType = typeof I32 | typeof V128;

function uleb(out: number[], v: number): void {
  do {
    let b = v & 0x7f;
    v >>>= 7;
    if (v !== 0) b |= 0x80;
    out.push(b);
  } while (v !== 0);
}

function sleb(out: number[], v: number): void {
  for (;;) {
    const b = v & 0x7f;
    v >>= 7;
    const done = (v === 0 && (b & 0x40) === 0) || (v === -1 && (b & 0x40) !== 0);
    out.push(done ? b : b | 0x80);
    if (done) return;
  }
}

function str(out: number[], s: string): void {
  uleb(out, s.length);
  for (let i = 0; i < s.length; i++) out.push(s.charCodeAt(i));
}

/** One function: its i32 parameters, extra locals, and body. */
export class Fn {
  readonly code: number[] = [];
  private readonly locals: ValType[] = [];
  constructor(
    readonly name: string,
    readonly nParams: number,
  ) {}
  /** Declares a local of `type` and returns its index. */
  local(type: ValType): number {
    this.locals.push(type);
    return this.nParams + this.locals.length - 1;
  }
  private simd(op: number): this {
    this.code.push(0xfd);
    uleb(this.code, op);
    return this;
  }
  private memarg(align: number, offset: number): this {
    uleb(this.code, align);
    uleb(this.code, offset);
    return this;
  }
  get(i: number): this {
    this.code.push(0x20);
    uleb(this.code, i);
    return this;
  }
  set(i: number): this {
    this.code.push(0x21);
    uleb(this.code, i);
    return this;
  }
  tee(i: number): this {
    this.code.push(0x22);
    uleb(this.code, i);
    return this;
  }
  i32(v: number): this {
    this.code.push(0x41);
    sleb(this.code, v | 0);
    return this;
  }
  i32_add(): this {
    this.code.push(0x6a);
    return this;
  }
  i32_sub(): this {
    this.code.push(0x6b);
    return this;
  }
  i32_mul(): this {
    this.code.push(0x6c);
    return this;
  }
  i32_div_s(): this {
    this.code.push(0x6d);
    return this;
  }
  i32_lt_s(): this {
    this.code.push(0x48);
    return this;
  }
  i32_gt_s(): this {
    this.code.push(0x4a);
    return this;
  }
  i32_le_s(): this {
    this.code.push(0x4c);
    return this;
  }
  i32_eq(): this {
    this.code.push(0x46);
    return this;
  }
  i32_eqz(): this {
    this.code.push(0x45);
    return this;
  }
  i32_and(): this {
    this.code.push(0x71);
    return this;
  }
  i32_shr_u(): this {
    this.code.push(0x76);
    return this;
  }
  i32_or(): this {
    this.code.push(0x72);
    return this;
  }
  select(): this {
    this.code.push(0x1b);
    return this;
  }
  /** Structured control: `block`, `loop` and `if` take no values and return none. */
  block(): this {
    this.code.push(0x02, 0x40);
    return this;
  }
  loop(): this {
    this.code.push(0x03, 0x40);
    return this;
  }
  if(): this {
    this.code.push(0x04, 0x40);
    return this;
  }
  else(): this {
    this.code.push(0x05);
    return this;
  }
  end(): this {
    this.code.push(0x0b);
    return this;
  }
  br(depth: number): this {
    this.code.push(0x0c);
    uleb(this.code, depth);
    return this;
  }
  br_if(depth: number): this {
    this.code.push(0x0d);
    uleb(this.code, depth);
    return this;
  }
  call(fn: number): this {
    this.code.push(0x10);
    uleb(this.code, fn);
    return this;
  }
  f32_load(offset = 0): this {
    this.code.push(0x2a);
    return this.memarg(2, offset);
  }
  f32_store(offset = 0): this {
    this.code.push(0x38);
    return this.memarg(2, offset);
  }
  f32_const0(): this {
    this.code.push(0x43, 0, 0, 0, 0);
    return this;
  }
  v128_load(offset = 0): this {
    return this.simd(0x00).memarg(2, offset);
  }
  v128_store(offset = 0): this {
    return this.simd(0x0b).memarg(2, offset);
  }
  v128_load32_splat(offset = 0): this {
    return this.simd(0x09).memarg(2, offset);
  }
  v128_const0(): this {
    this.simd(0x0c);
    for (let i = 0; i < 16; i++) this.code.push(0);
    return this;
  }
  /** Lane-wise IEEE multiply, rounded to float32 (never fused with the add). */
  f32x4_mul(): this {
    return this.simd(0xe6);
  }
  f32x4_add(): this {
    return this.simd(0xe4);
  }
  f32x4_sub(): this {
    return this.simd(0xe5);
  }
  /** Lane mask: all ones where a > b (false for NaN, as in JavaScript). */
  f32x4_gt(): this {
    return this.simd(0x44);
  }
  v128_and(): this {
    return this.simd(0x4e);
  }
  /** Loads one f64 into both lanes. */
  v128_load64_splat(offset = 0): this {
    return this.simd(0x0a).memarg(3, offset);
  }
  /** Lanes picked from two vectors by byte index (0-15 the first, 16-31 the second). */
  i8x16_shuffle(lanes: readonly number[]): this {
    this.simd(0x0d);
    for (const l of lanes) this.code.push(l);
    return this;
  }
  /** The two low float32 lanes widened to float64 (exact). */
  f64x2_promote_low_f32x4(): this {
    return this.simd(0x5f);
  }
  /** Two float64 lanes rounded to float32 in the low lanes, zeros above. */
  f32x4_demote_f64x2_zero(): this {
    return this.simd(0x5e);
  }
  f64x2_add(): this {
    return this.simd(0xf0);
  }
  f64x2_sub(): this {
    return this.simd(0xf1);
  }
  f64x2_mul(): this {
    return this.simd(0xf2);
  }
  /** Encodes the body (locals run-length grouped) as the code section wants it. */
  encode(): number[] {
    const body: number[] = [];
    const groups: Array<[number, ValType]> = [];
    for (const t of this.locals) {
      const last = groups[groups.length - 1];
      if (last && last[1] === t) last[0]++;
      else groups.push([1, t]);
    }
    uleb(body, groups.length);
    for (const [n, t] of groups) {
      uleb(body, n);
      body.push(t);
    }
    body.push(...this.code, 0x0b);
    const out: number[] = [];
    uleb(out, body.length);
    return out.concat(body);
  }
}

/**
 * A module that imports one memory (`env.memory`, shared when `shared`) and
 * defines `fns` (all i32 parameters, no results). Functions call each other by
 * their index in `fns`; those with `exported` names are exported.
 */
export function moduleBytes(fns: readonly Fn[], exported: readonly string[], shared: boolean, maxPages: number): Uint8Array {
  const out: number[] = [0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00];
  const section = (id: number, content: number[]): void => {
    out.push(id);
    uleb(out, content.length);
    out.push(...content);
  };
  // Types: one per distinct parameter count.
  const arities = [...new Set(fns.map((f) => f.nParams))];
  const types: number[] = [];
  uleb(types, arities.length);
  for (const n of arities) {
    types.push(0x60);
    uleb(types, n);
    for (let i = 0; i < n; i++) types.push(I32);
    types.push(0);
  }
  section(1, types);
  const imports: number[] = [];
  uleb(imports, 1);
  str(imports, "env");
  str(imports, "memory");
  imports.push(0x02, shared ? 0x03 : 0x01);
  uleb(imports, 1);
  uleb(imports, maxPages);
  section(2, imports);
  const funcs: number[] = [];
  uleb(funcs, fns.length);
  for (const f of fns) uleb(funcs, arities.indexOf(f.nParams));
  section(3, funcs);
  const exports: number[] = [];
  uleb(exports, exported.length);
  for (const name of exported) {
    const i = fns.findIndex((f) => f.name === name);
    if (i < 0) throw new Error(`wasm: no function ${name}`);
    str(exports, name);
    exports.push(0x00);
    uleb(exports, i);
  }
  section(7, exports);
  const code: number[] = [];
  uleb(code, fns.length);
  for (const f of fns) code.push(...f.encode());
  section(10, code);
  return new Uint8Array(out);
}
