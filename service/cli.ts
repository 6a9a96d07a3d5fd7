#!/usr/bin/env node
// mto-planner: the command line. Exit codes: 0 ok, 2 invalid input, 3 solver/infeasible, 1 other.
import { parseArgs } from 'node:util';
import { formatProblem, InputError, langOf, SolveError, type Lang } from '../shared/problems';
import { COMMANDS } from './commands/index';
import { EXIT, type CommandContext } from './commands/types';

function help(lang: Lang): string {
  const lines = COMMANDS.map((c) => `  mto-planner ${c.usage.padEnd(70)} ${lang === 'zh' ? c.summaryZh : c.summary}`);
  return [
    lang === 'zh' ? '用法：mto-planner <命令> [选项]' : 'usage: mto-planner <command> [options]',
    '',
    ...lines,
    '',
    lang === 'zh' ? '通用选项：--json 输出 JSON；--lang zh|en 消息语言' : 'common options: --json machine-readable output; --lang zh|en message language',
    lang === 'zh' ? '退出码：0 成功，2 输入有误，3 求解失败/不可行，1 其他错误' : 'exit codes: 0 ok, 2 invalid input, 3 solver/infeasible, 1 other error',
  ].join('\n');
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
  let parsed;
  try {
    parsed = parseArgs({
      args: argv.slice(1),
      allowPositionals: true,
      options: { json: { type: 'boolean' }, lang: { type: 'string' }, help: { type: 'boolean', short: 'h' }, ...(cmd.options ?? {}) },
    });
  } catch (e) {
    io.err.write(`${(e as Error).message}\nusage: mto-planner ${cmd.usage}\n`);
    return EXIT.error;
  }
  const values = parsed.values as Record<string, string | boolean | undefined>;
  const lang = values.lang ? langOf(String(values.lang)) : envLang;
  if (values.help) {
    io.out.write(`usage: mto-planner ${cmd.usage}\n${lang === 'zh' ? cmd.summaryZh : cmd.summary}\n`);
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

// Run when executed directly (bin or `node dist/cli.js`), not when imported by tests.
const invoked = process.argv[1] ?? '';
if (/(?:^|[\\/])(?:cli\.(?:js|ts)|mto-planner)$/.test(invoked)) {
  // `mto-planner plan … | head` closes the pipe early: that is the reader's choice, not an error.
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw e;
  });
  main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
