// The CLI run in this process with its output captured: faster than spawning dist/cli.js, for
// tests that check what a command prints and its exit code.
import { main } from '../../service/cli';

export async function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const io = { out: { write: (s: string) => ((stdout += s), true) }, err: { write: (s: string) => ((stderr += s), true) } };
  const code = await main(args, io as unknown as Parameters<typeof main>[1]);
  return { code, stdout, stderr };
}
