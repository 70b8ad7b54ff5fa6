// Collects what the code under `work` prints to the console. ORT's wasm writes its verbose session log
// (node placement) to console.error and its profiler output to console.log, and has no other way to
// hand them over. Its glue binds those functions once, when its wasm starts, so the hook must be in
// place before the first session: `installConsoleHook` is called when the ORT runtime is set up.

const METHODS = ['log', 'info', 'warn', 'error', 'debug'] as const;

/** Lines go here while a capture is active; otherwise to the real console. */
let activeSink: string[] | undefined;
let installed = false;

export function installConsoleHook(): void {
  if (installed) return;
  installed = true;
  for (const method of METHODS) {
    const original = console[method].bind(console);
    console[method] = (...args: unknown[]) => {
      if (activeSink) activeSink.push(args.map(String).join(' '));
      else original(...args);
    };
  }
}

export async function captureConsole<T>(work: () => Promise<T> | T): Promise<{ result: T; lines: string[] }> {
  installConsoleHook();
  const previous = activeSink;
  const lines: string[] = [];
  activeSink = lines;
  try {
    return { result: await work(), lines };
  } finally {
    activeSink = previous;
  }
}
