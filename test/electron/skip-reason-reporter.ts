// Prints why specs were skipped (the list reporter shows only "-"), once per distinct reason, so a
// run on a machine without the Electron binary says so instead of looking green for nothing.
import type { Reporter, TestCase, TestResult } from '@playwright/test/reporter';

export default class SkipReasonReporter implements Reporter {
  readonly #reasons = new Map<string, number>();

  onTestEnd(test: TestCase, result: TestResult): void {
    if (result.status !== 'skipped') return;
    const reason = test.annotations.find((a) => a.type === 'skip')?.description ?? '(no reason given)';
    this.#reasons.set(reason, (this.#reasons.get(reason) ?? 0) + 1);
  }

  onEnd(): void {
    for (const [reason, count] of this.#reasons) {
      console.log(`\n${count} skipped: ${reason}`);
    }
  }

  printsToStdio(): boolean {
    return true;
  }
}
