// The progress line: what is happening and, while waiting on the service, seconds elapsed.
export interface Clock {
  now(): number;
  every(ms: number, fn: () => void): () => void; // returns a stop function
}

export const realClock: Clock = {
  now: () => Date.now(),
  every: (ms, fn) => {
    const id = setInterval(fn, ms);
    return () => clearInterval(id);
  },
};

/** Shows `label`, then `format(label, seconds)` each second until stopped; returns the seconds taken. */
export function startProgress(show: (text: string) => void, label: string, format: (label: string, seconds: number) => string, clock: Clock = realClock): () => number {
  const t0 = clock.now();
  show(label);
  const stop = clock.every(1000, () => show(format(label, Math.floor((clock.now() - t0) / 1000))));
  return () => {
    stop();
    return (clock.now() - t0) / 1000;
  };
}
