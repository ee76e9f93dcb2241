// Optimizer plumbing as Python code sees it: param groups are dicts (Maps)
// that py.setitem edits between steps, schedulers write 'lr' into them.
// The update rules themselves are checked bit for bit in torch_reference.test.ts.

import { describe, expect, it } from "vitest";
import * as torch from "../../runtime/torch.js";
import * as nn from "../../runtime/nn/index.js";
import * as optim from "../../runtime/optim/index.js";
import * as py from "../../runtime/py/index.js";

function quadratic(): { w: nn.Parameter; loss: () => torch.Tensor } {
  const w = new nn.Parameter(torch.tensor([1.0, -2.0], { dtype: "float32" }));
  return { w, loss: () => w.pow(2).sum() };
}

describe("param_groups", () => {
  it("are Python dicts with the defaults filled in, user keys first", () => {
    const { w } = quadratic();
    const opt = new optim.SGD([new Map<string, unknown>([["params", [w]], ["lr", 0.5]])], 0.1, 0.9);
    const g = opt.param_groups[0]!;
    expect([...g.keys()]).toEqual(["params", "lr", "momentum", "dampening", "weight_decay", "nesterov", "maximize", "foreach", "differentiable"]);
    expect(py.getitem(g, "lr")).toBe(0.5);
    expect(() => py.getitem(g, "nope")).toThrow("'nope'");
  });

  it("an lr set through py.setitem is used by the next step", async () => {
    const { w, loss } = quadratic();
    const opt = new optim.SGD([w], 0.1);
    for (const g of opt.param_groups) py.setitem(g, "lr", 0.25);
    opt.zero_grad();
    loss().backward();
    opt.step();
    // w - 0.25 * 2w = 0.5 w
    expect(await w.tolist()).toEqual([0.5, -1]);
  });

  it("zero_grad keeps the gradient tensor by default and drops it with set_to_none", () => {
    const { w, loss } = quadratic();
    const opt = new optim.Adam([w]);
    loss().backward();
    const g = w.grad;
    opt.zero_grad();
    expect(w.grad).toBe(g);
    opt.zero_grad(true);
    expect(w.grad).toBeNull();
  });

  it("add_param_group rejects a parameter that is already optimized", () => {
    const { w } = quadratic();
    const opt = new optim.Adam([w]);
    expect(() => opt.add_param_group({ params: [w] })).toThrow("more than one parameter group");
    const v = new nn.Parameter(torch.zeros(2));
    opt.add_param_group(new Map<string, unknown>([["params", v], ["lr", 0.5]]));
    expect(opt.param_groups[1]!.get("lr")).toBe(0.5);
    expect(opt.param_groups[1]!.get("betas")).toEqual([0.9, 0.999]);
  });

  it("prints like PyTorch's Optimizer.__repr__", async () => {
    const { w } = quadratic();
    const text = await py.str(new optim.RMSprop([w]));
    expect(text.split("\n").slice(0, 4)).toEqual(["RMSprop (", "Parameter Group 0", "    alpha: 0.99", "    centered: False"]);
  });
});

describe("lr_scheduler.StepLR", () => {
  it("multiplies lr by gamma every step_size epochs and records initial_lr", () => {
    const { w } = quadratic();
    const opt = new optim.SGD([w], 0.1);
    const sched = new optim.lr_scheduler.StepLR(opt, 2, 0.5);
    const lrs: number[] = [];
    for (let i = 0; i < 5; i++) {
      opt.step();
      sched.step();
      lrs.push(sched.get_last_lr()[0]!);
    }
    expect(lrs).toEqual([0.1, 0.05, 0.05, 0.025, 0.025]);
    expect(opt.param_groups[0]!.get("initial_lr")).toBe(0.1);
    expect(sched.last_epoch).toBe(5);
  });
});
