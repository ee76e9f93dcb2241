// Global grad mode. `torch.no_grad()` returns a guard whose enter/exit save and
// restore the previous state, so nested `with` blocks (and an enable_grad
// inside a no_grad) unwind correctly even when an exception escapes.

let enabled = true;

export function isGradEnabled(): boolean {
  return enabled;
}

export function setGradEnabled(mode: boolean): void {
  enabled = mode;
}

/** A `with`-statement context manager: the compiler emits enter(); try { ... } finally { exit(); }. */
export class GradMode {
  protected readonly saved: boolean[] = [];
  constructor(protected readonly mode: boolean) {}
  enter(): this {
    this.saved.push(enabled);
    enabled = this.mode;
    return this;
  }
  exit(): void {
    const prev = this.saved.pop();
    enabled = prev ?? true;
  }
  __enter__(): this {
    return this.enter();
  }
  __exit__(): void {
    this.exit();
  }
  /** Runs `fn` with this mode in effect (decorator form: `@torch.no_grad()`). */
  run<R>(fn: () => R): R {
    this.enter();
    try {
      return fn();
    } finally {
      this.exit();
    }
  }
}

export function no_grad(): GradMode {
  return new GradMode(false);
}

export function enable_grad(): GradMode {
  return new GradMode(true);
}

/** `torch.set_grad_enabled(mode)`: takes effect at once (as in PyTorch) and also works as a context manager. */
export function set_grad_enabled(mode: boolean): GradMode {
  const g = new SetGradEnabled(mode);
  g.enter();
  return g;
}

/** The mode is applied on construction, so the `with` statement's own enter() must not apply it twice. */
class SetGradEnabled extends GradMode {
  private applied = false;
  override enter(): this {
    if (!this.applied) {
      this.applied = true;
      return super.enter();
    }
    return this;
  }
}
