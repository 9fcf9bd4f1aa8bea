import { main } from '../../cli/main';
import type { PreviewStack } from '../../cli/preview/preview';

/** `preview ARGS...` through main() in this process, with its output captured and the default app's stacks given. */
export function runPreview(args: readonly string[], synthesize: () => PreviewStack[]) {
  let stdout = '';
  let stderr = '';
  const status = main(['preview', ...args], {
    stdout: (t) => (stdout += t),
    stderr: (t) => (stderr += t),
    synthesize,
  });
  return { status, stdout, stderr };
}
