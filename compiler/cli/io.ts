// Where the CLI writes. Commands take an Io so tests can capture output.

export interface Io {
  readonly out: (s: string) => void;
  readonly err: (s: string) => void;
  /** Whether stderr is a terminal (progress bars, colour). */
  readonly errIsTTY?: boolean;
}

export const stdio: Io = {
  out: (s) => process.stdout.write(s),
  err: (s) => process.stderr.write(s),
  errIsTTY: Boolean(process.stderr.isTTY),
};

export const useColor = (io: Io): boolean => Boolean(io.errIsTTY) && !process.env.NO_COLOR;
