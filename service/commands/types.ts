import type { Lang } from '../../shared/problems';

export interface CommandContext {
  /** positional arguments after the command name */
  args: string[];
  values: Record<string, string | boolean | undefined>;
  lang: Lang;
  json: boolean;
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  /** a progress line on a terminal's stderr; silent with --json or when piped */
  progress: (s: string) => void;
}

/** One option of a command: how it parses and what `--help` says about it (declared once). */
export interface OptionSpec {
  type: 'string' | 'boolean';
  short?: string;
  /** the value's placeholder in --help, e.g. 'file.xlsx' */
  arg?: string;
  en: string;
  zh: string;
}

export interface Command {
  name: string;
  usage: string;
  summary: string;
  summaryZh: string;
  options?: Record<string, OptionSpec>;
  /** returns the exit code */
  run(ctx: CommandContext): Promise<number>;
}

/** Exit codes everywhere: 0 ok, 2 invalid input, 3 solver/infeasible, 1 anything else. */
export const EXIT = { ok: 0, error: 1, invalid: 2, solver: 3 } as const;
