#!/usr/bin/env node
// mto-planner: the command line. Exit codes: 0 ok, 2 invalid input, 3 solver/infeasible, 1 other.
import { parseArgs } from 'node:util';
import { statSync } from 'node:fs';
import { setFlagsFromString } from 'node:v8';
import { formatProblem, InputError, langOf, SolveError, type Lang } from '../shared/problems';
import { COMMANDS } from './commands/index';
import { alignTable } from './commands/table';
import { EXIT, type Command, type CommandContext, type OptionSpec } from './commands/types';

function help(lang: Lang): string {
  const lines = alignTable(COMMANDS.map((c) => [`  mto-planner ${c.name}`, lang === 'zh' ? c.summaryZh : c.summary]), 2);
  return [
    lang === 'zh' ? '用法：mto-planner <命令> [选项]' : 'usage: mto-planner <command> [options]',
    '',
    ...lines,
    '',
    lang === 'zh' ? '每个命令的选项：mto-planner <命令> --help' : 'options of each command: mto-planner <command> --help',
    lang === 'zh' ? '退出码：0 成功，2 输入有误，3 求解失败/不可行，1 其他错误' : 'exit codes: 0 ok, 2 invalid input, 3 solver/infeasible, 1 other error',
  ].join('\n');
}

/** Options every command takes. */
const COMMON: Record<string, OptionSpec> = {
  json: { type: 'boolean', en: 'print the result as JSON on stdout (no progress, no table)', zh: '以 JSON 输出结果（无进度、无表格）' },
  lang: { type: 'string', arg: 'zh|en', en: 'language of messages, headers and sheets (default: from LANG)', zh: '消息、表头与工作表的语言（默认取自 LANG）' },
  help: { type: 'boolean', short: 'h', en: 'show this help', zh: '显示本帮助' },
};

/** The command's own options, then the common ones it does not explain itself (template's --lang). */
const optionsOf = (cmd: Command): Record<string, OptionSpec> => ({ ...(cmd.options ?? {}), ...Object.fromEntries(Object.entries(COMMON).filter(([k]) => !cmd.options?.[k])) });

/** `mto-planner <command> --help`: usage, what it does, and every option explained, aligned. */
export function commandHelp(cmd: Command, lang: Lang): string {
  const zh = lang === 'zh';
  const rows = Object.entries(optionsOf(cmd)).map(([name, o]) => [
    `  ${o.short ? `-${o.short}, ` : ''}--${name}${o.arg ? ` <${o.arg}>` : ''}`,
    zh ? o.zh : o.en,
  ]);
  return [`${zh ? '用法：' : 'usage: '}mto-planner ${cmd.usage}`, zh ? cmd.summaryZh : cmd.summary, '', zh ? '选项：' : 'options:', ...alignTable(rows, 2)].join('\n');
}

/**
 * Parses a command's arguments, or says in plain words what is wrong. A negative number after an
 * option that takes a value (`--phasing -3`) is read as its value, so the command's own check can
 * say what the value must be.
 */
function parseCommandArgs(cmd: Command, args: string[], lang: Lang): { values: Record<string, string | boolean | undefined>; positionals: string[] } | { error: string } {
  const zh = lang === 'zh';
  const specs = optionsOf(cmd);
  const joined: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const name = args[i].startsWith('--') ? args[i].slice(2) : undefined;
    if (name && specs[name]?.type === 'string' && /^-\d|^-\.\d/.test(args[i + 1] ?? '')) joined.push(`${args[i]}=${args[++i]}`);
    else joined.push(args[i]);
  }
  try {
    const parsed = parseArgs({
      args: joined,
      allowPositionals: true,
      options: Object.fromEntries(Object.entries(specs).map(([k, o]) => [k, o.short ? { type: o.type, short: o.short } : { type: o.type }])),
    });
    return { values: parsed.values as Record<string, string | boolean | undefined>, positionals: parsed.positionals };
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const seeHelp = zh ? `（查看 mto-planner ${cmd.name} --help）` : ` (see mto-planner ${cmd.name} --help)`;
    if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
      const bad = /'([^']+)'/.exec((e as Error).message)?.[1] ?? '';
      return { error: (zh ? `${cmd.name} 命令没有选项 ${bad}` : `${cmd.name} has no option ${bad}`) + seeHelp };
    }
    if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
      const name = /'(-[^' ]+)/.exec((e as Error).message)?.[1] ?? '';
      const spec = specs[name.replace(/^-+/, '')];
      if (spec?.type === 'boolean') return { error: (zh ? `${name} 是开关，不带值` : `${name} is a switch and takes no value`) + seeHelp };
      return { error: (zh ? `${name} 需要一个值：${spec?.arg ?? ''}` : `${name} needs a value: ${spec?.arg ?? ''}`) + seeHelp };
    }
    return { error: (e as Error).message + seeHelp };
  }
}

export async function main(argv: string[], io = { out: process.stdout, err: process.stderr }): Promise<number> {
  const name = argv[0];
  const envLang = langOf(process.env.LC_ALL || process.env.LC_MESSAGES || process.env.LANG);
  const cmd = COMMANDS.find((c) => c.name === name);
  if (!cmd) {
    const langArg = argv.includes('--lang') ? langOf(argv[argv.indexOf('--lang') + 1]) : envLang;
    if (!name || name === '--help' || name === '-h' || name === 'help') {
      io.out.write(help(langArg) + '\n');
      return name ? EXIT.ok : EXIT.error;
    }
    io.err.write(`unknown command "${name}"\n${help(langArg)}\n`);
    return EXIT.error;
  }
  const argLang = argv.includes('--lang') ? langOf(argv[argv.indexOf('--lang') + 1]) : envLang;
  const parsed = parseCommandArgs(cmd, argv.slice(1), argLang);
  if ('error' in parsed) {
    io.err.write(`${parsed.error}\n`);
    return EXIT.error;
  }
  const values = parsed.values;
  const lang = values.lang ? langOf(String(values.lang)) : envLang;
  if (values.help) {
    io.out.write(commandHelp(cmd, lang) + '\n');
    return EXIT.ok;
  }
  const json = Boolean(values.json);
  const tty = Boolean((io.err as NodeJS.WriteStream).isTTY) && !json;
  const started = Date.now();
  let progressShown = false;
  const clearProgress = () => {
    if (progressShown) io.err.write('\r\x1b[K');
    progressShown = false;
  };
  const ctx: CommandContext = {
    args: parsed.positionals,
    values,
    lang,
    json,
    stdout: (s) => {
      clearProgress();
      io.out.write(s + '\n');
    },
    stderr: (s) => {
      clearProgress();
      io.err.write(s + '\n');
    },
    progress: (s) => {
      if (!tty) return;
      io.err.write(`\r\x1b[K${s} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
      progressShown = true;
    },
  };
  try {
    const code = await cmd.run(ctx);
    clearProgress();
    return code;
  } catch (e) {
    clearProgress();
    if (e instanceof InputError) {
      for (const p of e.problems) io.err.write(formatProblem(p, lang) + '\n');
      if (json) io.out.write(JSON.stringify({ status: 'invalid', errors: e.problems.map((p) => ({ sheet: p.sheet, cell: p.cell, message: lang === 'zh' ? p.messageZh : p.message })) }) + '\n');
      return EXIT.invalid;
    }
    if (e instanceof SolveError) {
      const msg = lang === 'zh' ? e.messageZh : e.message;
      if (json) io.out.write(JSON.stringify({ status: e.reason, message: msg }) + '\n');
      io.err.write(msg + '\n');
      return EXIT.solver;
    }
    io.err.write(`error: ${(e as Error).message}\n`);
    return EXIT.error;
  }
}

/**
 * Whether this run should compile HiGHS's WebAssembly with V8's baseline compiler only. Optimising
 * its hot functions (TurboFan, on background threads) pays off only when the solve is long: on
 * this 2-core machine, fresh processes, wall s with the baseline only → with TurboFan: the sample
 * plant's plan 0.77 → 1.0 and its what-if 0.9 → 1.2; a generated 300-order book (105 KB) 1.50 →
 * 1.70; the 1000-order bench book (180 KB) 3.3 → 3.05. So one-shot commands on books under
 * 150 KB take the baseline; larger books, and the long-lived worker (and the service), keep the
 * optimising tier. The book's size is known before anything is compiled (HiGHS compiles while
 * the book is read).
 */
export function baselineWasmOnly(args: string[], sizeOf = (f: string) => statSync(f).size): boolean {
  const cmd = COMMANDS.find((c) => c.name === args[0]);
  if (cmd?.name === 'worker') return false;
  const parsed = cmd && parseCommandArgs(cmd, args.slice(1), 'en');
  const book = parsed && !('error' in parsed) ? parsed.positionals[0] : undefined;
  if (!book) return true;
  try {
    return sizeOf(book) < LARGE_BOOK_BYTES;
  } catch {
    return true; // missing file: the command says so
  }
}
const LARGE_BOOK_BYTES = 150_000;

// Run when executed directly (bin or `node dist/cli.js`), not when imported by tests.
const invoked = process.argv[1] ?? '';
if (/(?:^|[\\/])(?:cli\.(?:js|ts)|mto-planner)$/.test(invoked)) {
  // `mto-planner plan … | head` closes the pipe early: that is the reader's choice, not an error.
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw e;
  });
  if (baselineWasmOnly(process.argv.slice(2))) setFlagsFromString('--liftoff-only');
  main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
