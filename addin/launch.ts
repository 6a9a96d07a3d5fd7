// What the pane does when it opens: the ribbon's Plan / Quote / Suppliers buttons open it with
// ?action=plan|quote|suppliers (manifest.xml), and it runs that job once Excel is ready.
import type { Job } from '../shared/contract';

export const JOBS: readonly Job[] = ['plan', 'quote', 'suppliers'];

export function actionFromUrl(url: string): Job | undefined {
  const a = new URL(url).searchParams.get('action');
  return JOBS.find((j) => j === a);
}
