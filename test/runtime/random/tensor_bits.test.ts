// The TENSOR-level random API against real PyTorch 1.13.1 (AVX2 CPU kernels):
// replays fixtures/rng/tensor_reference.json (scripts/rng/dump_tensor_reference.py)
// through torch.* / Tensor.*_ / nn.init / Dropout / DataLoader and compares
// float bits, integers and RNG state bytes exactly — no tolerance.

import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

import { functional as F, nn, torch } from "../../../runtime/index.js";
import { getBackend } from "../../../runtime/backend/index.js";
import type { DType } from "../../../runtime/format/types.js";

type Out = string | number[] | null;

interface Step {
  op: string;
  name?: string;
  gen?: string;
  seed?: number;
  slot?: string;
  shape?: number[];
  dtype?: DType;
  a?: number;
  b?: number;
  mean?: number | number[];
  std?: number | number[];
  mshape?: number[];
  sshape?: number[];
  transpose?: boolean;
  from?: number;
  to?: number;
  low?: number;
  high?: number;
  n?: number;
  p?: number;
  probs?: number[];
  x?: number[];
  module?: boolean;
  fn?: string;
  args?: number[];
  kwargs?: Record<string, number | string>;
  in?: number;
  out?: number;
  bias?: boolean;
  batch_size?: number;
  shuffle?: boolean;
  drop_last?: boolean;
  epochs?: number;
}

interface Case {
  name: string;
  seed: string;
  steps: Step[];
  out: Out[];
}

const doc = JSON.parse(
  readFileSync(fileURLToPath(new URL("../../../fixtures/rng/tensor_reference.json", import.meta.url)), "utf8"),
) as { torch: string; capability: string; cases: Case[] };

async function bits(t: torch.Tensor): Promise<string | number[]> {
  const a = await getBackend().read(t.detach().contiguous());
  if (t.dtype === "float32") {
    const f = Float32Array.from(a);
    return Array.from(new Uint32Array(f.buffer), (u) => u.toString(16).padStart(8, "0")).join("");
  }
  if (t.dtype === "float64") {
    const f = Float64Array.from(a);
    const v = new DataView(f.buffer);
    let s = "";
    for (let i = 0; i < f.length; i++) s += v.getBigUint64(i * 8, true).toString(16).padStart(16, "0");
    return s;
  }
  return Array.from(a);
}

function shaped(values: number[], shape: number[], dtype: DType = "float32"): torch.Tensor {
  return torch.tensor(values, { dtype }).reshape(shape);
}

function hexBytes(t: torch.Tensor): Promise<string> {
  return getBackend()
    .read(t)
    .then((a) => Array.from(a, (b) => b.toString(16).padStart(2, "0")).join(""));
}

type InitFn = (t: torch.Tensor, ...args: Array<number | string>) => torch.Tensor;

const INIT_PARAMS: Record<string, string[]> = {
  uniform_: ["a", "b"],
  normal_: ["mean", "std"],
  constant_: ["val"],
  zeros_: [],
  ones_: [],
  kaiming_uniform_: ["a", "mode", "nonlinearity"],
  kaiming_normal_: ["a", "mode", "nonlinearity"],
  xavier_uniform_: ["gain"],
  xavier_normal_: ["gain"],
};

/** Python-style call: positional args, then keywords placed by parameter name (compile-time binding does this for programs). */
function initCall(fn: string, t: torch.Tensor, args: number[], kwargs: Record<string, number | string>): torch.Tensor {
  const names = INIT_PARAMS[fn]!;
  const list: Array<number | string | undefined> = [...args];
  for (const [k, v] of Object.entries(kwargs)) list[names.indexOf(k)] = v;
  const f = (nn.init as unknown as Record<string, InitFn>)[fn]!;
  return f(t, ...(list as Array<number | string>));
}

async function runStep(st: Step, gens: Map<string, torch.Generator>, slots: Map<string, torch.Tensor>): Promise<Out> {
  const g = st.gen !== undefined ? gens.get(st.gen)! : null;
  const go = g ? { generator: g } : {};
  const dtype: DType = st.dtype ?? "float32";
  const shape = st.shape ?? [];
  switch (st.op) {
    case "gen_new":
      gens.set(st.name!, new torch.Generator());
      return null;
    case "gen_seed":
      return String(gens.get(st.name!)!.manual_seed(st.seed!).initial_seed());
    case "manual_seed":
      torch.manual_seed(st.seed!);
      return String(torch.initial_seed());
    case "initial_seed":
      return String(st.name !== undefined ? gens.get(st.name)!.initial_seed() : torch.initial_seed());
    case "get_state": {
      const s = st.name !== undefined ? gens.get(st.name)!.get_state() : torch.get_rng_state();
      slots.set(st.slot!, s);
      return hexBytes(s);
    }
    case "set_state":
      if (st.name !== undefined) gens.get(st.name)!.set_state(slots.get(st.slot!)!);
      else torch.set_rng_state(slots.get(st.slot!)!);
      return null;
    case "rand":
      return bits(torch.rand(shape, { dtype, ...go }));
    case "randn":
      return bits(torch.randn(shape, { dtype, ...go }));
    case "rand_like":
      return bits(torch.rand_like(torch.zeros(shape, { dtype })));
    case "randn_like":
      return bits(torch.randn_like(torch.zeros(shape, { dtype })));
    case "uniform_":
    case "normal_": {
      let t = torch.zeros(shape, { dtype });
      if (st.transpose) t = t.t();
      if (st.op === "uniform_") t.uniform_(st.a, st.b, go);
      else t.normal_(st.mean as number, st.std as number, go);
      return bits(t);
    }
    case "random_":
      return bits(torch.zeros(shape, { dtype }).random_(st.from ?? (st.to !== undefined ? 0 : null), st.to ?? null, go));
    case "randint":
      if (st.low !== undefined) return bits(torch.randint(st.low, st.high!, shape, { dtype: st.dtype ?? "int64", ...go }));
      return bits(torch.randint(st.high!, shape, go));
    case "randint_like": {
      const x = torch.zeros(shape, { dtype });
      return bits(st.low !== undefined ? torch.randint_like(x, st.low, st.high!) : torch.randint_like(x, st.high!));
    }
    case "randperm":
      return bits(torch.randperm(st.n!, go));
    case "normal_tt":
      return bits(torch.normal(shaped(st.mean as number[], st.mshape!), shaped(st.std as number[], st.sshape!), null, go));
    case "normal_tf":
      return bits(torch.normal(shaped(st.mean as number[], st.mshape!), st.std as number, null, go));
    case "normal_ft":
      return bits(torch.normal(st.mean as number, shaped(st.std as number[], st.sshape!), null, go));
    case "normal_ff":
      return bits(torch.normal(st.mean as number, st.std as number, shape, go));
    case "bernoulli_p":
      return bits(torch.zeros(shape, { dtype }).bernoulli_(st.p!, go));
    case "bernoulli":
      return bits(torch.bernoulli(shaped(st.probs!, [st.probs!.length], dtype), go));
    case "bernoulli_pf":
      return bits(torch.bernoulli(torch.zeros(shape), st.p!, go));
    case "dropout": {
      const x = shaped(st.x!, shape);
      return bits(st.module ? new nn.Dropout(st.p!).forward(x) : F.dropout(x, st.p!, true));
    }
    case "init":
      return bits(initCall(st.fn!, torch.zeros(shape, { dtype }), st.args ?? [], st.kwargs ?? {}));
    case "linear": {
      const m = new nn.Linear(st.in!, st.out!, st.bias!);
      const w = (await bits(m.weight)) as string;
      return m.bias !== null ? w + ((await bits(m.bias)) as string) : w;
    }
    case "dataloader": {
      const n = st.n!;
      const ds = new torch.utils.data.TensorDataset(torch.arange(n), torch.arange(n).mul(10));
      const loader = new torch.utils.data.DataLoader(ds, st.batch_size!, st.shuffle!, { drop_last: st.drop_last ?? false, generator: g });
      const out: number[] = [];
      for (let e = 0; e < (st.epochs ?? 1); e++) {
        for (const [xb] of loader) {
          out.push(...((await xb!.tolist()) as number[]));
          out.push(-1);
        }
      }
      return out;
    }
    default:
      throw new Error(`unknown step ${st.op}`);
  }
}

const groups = new Map<string, Case[]>();
for (const c of doc.cases) {
  const key = c.name.split("/")[0]!;
  groups.set(key, [...(groups.get(key) ?? []), c]);
}

const totals = { outputs: 0, matched: 0, float64Normals: 0, float64NormalsOff: 0 };

/**
 * float64 normals are the one documented inexact path (runtime/random/README.md):
 * PyTorch uses glibc's log/sin/cos, which misround about 1 argument in 1000;
 * ours are correctly rounded. Those values may differ by at most 2 ulp.
 */
function isFloat64Normal(st: Step): boolean {
  return st.dtype === "float64" && (st.op === "randn" || st.op === "normal_" || st.op === "randn_like");
}

function ulpDiffs(got: string, want: string): number[] {
  const out: number[] = [];
  for (let i = 0; i < want.length; i += 16) out.push(Number(BigInt.asIntN(64, BigInt("0x" + got.slice(i, i + 16)) - BigInt("0x" + want.slice(i, i + 16)))));
  return out;
}

describe(`tensor-level random API vs PyTorch ${doc.torch} (${doc.capability})`, () => {
  for (const [group, cases] of groups) {
    describe(group, () => {
      for (const c of cases) {
        it(c.name, async () => {
          torch.manual_seed(BigInt(c.seed));
          const gens = new Map<string, torch.Generator>();
          const slots = new Map<string, torch.Tensor>();
          const got: Out[] = [];
          for (const st of c.steps) got.push(await runStep(st, gens, slots));
          for (let i = 0; i < got.length; i++) {
            totals.outputs++;
            const want = c.out[i]!;
            if (isFloat64Normal(c.steps[i]!) && typeof want === "string" && typeof got[i] === "string" && got[i]!.length === want.length) {
              const d = ulpDiffs(got[i] as string, want);
              totals.float64Normals += d.length;
              totals.float64NormalsOff += d.filter((x) => x !== 0).length;
              expect(Math.max(...d.map(Math.abs)), `${c.name} step ${i}: float64 normal beyond 2 ulp`).toBeLessThanOrEqual(2);
              got[i] = want;
            }
            if (JSON.stringify(got[i]) === JSON.stringify(want)) totals.matched++;
          }
          expect(got).toEqual(c.out);
        });
      }
    });
  }

  it("summary", () => {
    console.log(
      `tensor rng reference: ${totals.matched}/${totals.outputs} outputs identical across ${doc.cases.length} cases ` +
        `(float64 normals: ${totals.float64NormalsOff}/${totals.float64Normals} values within 2 ulp, not bit-identical)`,
    );
    expect(totals.matched).toBe(totals.outputs);
  });
});
