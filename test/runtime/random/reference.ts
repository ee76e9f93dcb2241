// Replays the op sequences of fixtures/rng/reference.json (dumped from real
// PyTorch by scripts/rng/dump_reference.py) on our generator, and compares
// the IEEE bit patterns.

import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

import {
  bernoulli_,
  bernoulliTensor_,
  normal_,
  normalFloat64_,
  rand_,
  randint_,
  randperm,
  uniform_,
  uniformFloat64_,
} from "../../../runtime/random/distributions.js";
import { defaultGenerator, type Generator } from "../../../runtime/random/generator.js";
import {
  conv2dInit,
  fans,
  kaiming_normal_,
  kaiming_uniform_,
  linearInit,
  normal_ as initNormal_,
  uniform_ as initUniform_,
  xavier_normal_,
  xavier_uniform_,
  type FanMode,
  type Nonlinearity,
} from "../../../runtime/random/init.js";

export interface RefOp {
  op: string;
  n?: number;
  mean?: number;
  std?: number;
  a?: number;
  b?: number;
  p?: number;
  low?: number;
  high?: number;
  probs?: number[];
  in?: number;
  out?: number;
  kh?: number;
  kw?: number;
  groups?: number;
  bias?: boolean;
  shape?: number[];
  mode?: FanMode;
  nonlinearity?: Nonlinearity;
  gain?: number;
}

export type RefOut = string | number[];

export interface RefCase {
  name: string;
  seed: string;
  initial_seed: string;
  ops: RefOp[];
  out: RefOut[];
}

export interface RefDoc {
  torch: string;
  capability: string;
  cases: RefCase[];
}

export function loadReference(): RefDoc {
  const path = fileURLToPath(new URL("../../../fixtures/rng/reference.json", import.meta.url));
  return JSON.parse(readFileSync(path, "utf8")) as RefDoc;
}

/** float32 bit patterns, 8 hex digits each. */
export function bits32(a: Float32Array): string {
  const u = new Uint32Array(a.buffer, a.byteOffset, a.length);
  let s = "";
  for (let i = 0; i < u.length; i++) s += u[i]!.toString(16).padStart(8, "0");
  return s;
}

/** float64 bit patterns, 16 hex digits each. */
export function bits64(a: Float64Array): string {
  const u = new BigUint64Array(a.buffer, a.byteOffset, a.length);
  let s = "";
  for (let i = 0; i < u.length; i++) s += u[i]!.toString(16).padStart(16, "0");
  return s;
}

function need<T>(v: T | undefined, what: string): T {
  if (v === undefined) throw new Error(`reference op lacks ${what}`);
  return v;
}

function prod(shape: readonly number[]): number {
  return shape.reduce((x, y) => x * y, 1);
}

/** Runs one op on `gen` and returns our output in the fixture's encoding. */
export function runOp(op: RefOp, gen: Generator): RefOut {
  const n = op.n ?? 0;
  switch (op.op) {
    case "rand": {
      const d = new Float32Array(n);
      rand_(d, gen);
      return bits32(d);
    }
    case "randn": {
      const d = new Float32Array(n);
      normal_(d, 0, 1, gen);
      return bits32(d);
    }
    case "normal": {
      const d = new Float32Array(n);
      normal_(d, need(op.mean, "mean"), need(op.std, "std"), gen);
      return bits32(d);
    }
    case "uniform": {
      const d = new Float32Array(n);
      uniform_(d, need(op.a, "a"), need(op.b, "b"), gen);
      return bits32(d);
    }
    case "rand64": {
      const d = new Float64Array(n);
      uniformFloat64_(d, 0, 1, gen);
      return bits64(d);
    }
    case "randn64": {
      const d = new Float64Array(n);
      normalFloat64_(d, 0, 1, gen);
      return bits64(d);
    }
    case "randint": {
      const d = new Float64Array(n);
      randint_(d, need(op.low, "low"), need(op.high, "high"), gen);
      return Array.from(d);
    }
    case "randperm":
      return Array.from(randperm(n, gen));
    case "bernoulli": {
      const d = new Float32Array(n);
      bernoulli_(d, need(op.p, "p"), gen);
      return bits32(d);
    }
    case "bernoulli_tensor": {
      const probs = Float32Array.from(need(op.probs, "probs"));
      const d = new Float32Array(probs.length);
      bernoulliTensor_(d, probs, gen);
      return bits32(d);
    }
    case "linear": {
      const i = need(op.in, "in");
      const o = need(op.out, "out");
      const w = new Float32Array(i * o);
      const b = op.bias ? new Float32Array(o) : null;
      linearInit(w, b, i, gen);
      return bits32(w) + (b ? bits32(b) : "");
    }
    case "conv2d": {
      const ci = need(op.in, "in");
      const co = need(op.out, "out");
      const g = need(op.groups, "groups");
      const shape = [co, ci / g, need(op.kh, "kh"), need(op.kw, "kw")];
      const w = new Float32Array(prod(shape));
      const b = op.bias ? new Float32Array(co) : null;
      conv2dInit(w, b, fans(shape).fanIn, gen);
      return bits32(w) + (b ? bits32(b) : "");
    }
    case "kaiming_uniform":
    case "kaiming_normal": {
      const shape = need(op.shape, "shape");
      const d = new Float32Array(prod(shape));
      const f = fans(shape);
      const opts = { a: need(op.a, "a"), mode: need(op.mode, "mode"), nonlinearity: need(op.nonlinearity, "nonlinearity"), gen };
      if (op.op === "kaiming_uniform") kaiming_uniform_(d, f.fanIn, f.fanOut, opts);
      else kaiming_normal_(d, f.fanIn, f.fanOut, opts);
      return bits32(d);
    }
    case "xavier_uniform":
    case "xavier_normal": {
      const shape = need(op.shape, "shape");
      const d = new Float32Array(prod(shape));
      const f = fans(shape);
      if (op.op === "xavier_uniform") xavier_uniform_(d, f.fanIn, f.fanOut, need(op.gain, "gain"), gen);
      else xavier_normal_(d, f.fanIn, f.fanOut, need(op.gain, "gain"), gen);
      return bits32(d);
    }
    case "init_uniform": {
      const d = new Float32Array(prod(need(op.shape, "shape")));
      initUniform_(d, need(op.a, "a"), need(op.b, "b"), gen);
      return bits32(d);
    }
    case "init_normal": {
      const d = new Float32Array(prod(need(op.shape, "shape")));
      initNormal_(d, need(op.mean, "mean"), need(op.std, "std"), gen);
      return bits32(d);
    }
    case "get_state":
      return Array.from(gen.getState(), (x) => x.toString(16).padStart(2, "0")).join("");
    default:
      throw new Error(`unknown reference op ${op.op}`);
  }
}

/** Ordered integer of a float's bit pattern, so |a - b| counts ULPs. */
function ordered(hex: string): bigint {
  const v = BigInt("0x" + hex);
  const width = BigInt(hex.length * 4);
  const sign = 1n << (width - 1n);
  return v & sign ? -(v & (sign - 1n)) : v;
}

export interface Comparison {
  values: number;
  matched: number;
  /** Largest difference in units in the last place among float mismatches (0 if none). */
  maxUlp: bigint;
  firstMismatch: string | null;
}

/** Compares one output against the fixture; floats by bit pattern. */
export function compareOut(op: RefOp, ours: RefOut, ref: RefOut): Comparison {
  if (Array.isArray(ref)) {
    const o = ours as number[];
    let matched = 0;
    let first: string | null = null;
    for (let i = 0; i < ref.length; i++) {
      if (o[i] === ref[i]) matched++;
      else first ??= `${op.op}[${i}]: ours ${o[i]} torch ${ref[i]}`;
    }
    if (o.length !== ref.length) first ??= `${op.op}: length ${o.length} vs ${ref.length}`;
    return { values: ref.length, matched, maxUlp: 0n, firstMismatch: first };
  }
  const o = ours as string;
  const w = op.op === "get_state" ? 2 : op.op === "rand64" || op.op === "randn64" ? 16 : 8;
  let matched = 0;
  let maxUlp = 0n;
  let first: string | null = null;
  const count = ref.length / w;
  for (let i = 0; i < count; i++) {
    const r = ref.slice(i * w, (i + 1) * w);
    const m = o.slice(i * w, (i + 1) * w);
    if (r === m) {
      matched++;
      continue;
    }
    if (w !== 2 && m.length === w) {
      const d = ordered(r) - ordered(m);
      const ad = d < 0n ? -d : d;
      if (ad > maxUlp) maxUlp = ad;
    }
    first ??= `${op.op}[${i}]: ours ${m} torch ${r}`;
  }
  if (o.length !== ref.length) first ??= `${op.op}: length ${o.length / w} vs ${count}`;
  return { values: count, matched, maxUlp, firstMismatch: first };
}

/** Seeds the default generator as the case did and replays its ops. */
export function replayCase(c: RefCase): Comparison[] {
  const gen = defaultGenerator;
  gen.manualSeed(BigInt(c.seed));
  return c.ops.map((op, i) => compareOut(op, runOp(op, gen), c.out[i]!));
}
