// A tray click while the popover is open first blurs the popover (which hides it) and then
// arrives as a click, which would show it again at once. menubar's answer: a click within
// 100 ms of a hide-on-blur is that same click, and leaves the popover closed. Pure, with an
// injected clock, so it is unit-tested.
export const BLUR_GUARD_MS = 100;

export class BlurGuard {
  private hiddenAt = Number.NEGATIVE_INFINITY;

  constructor(private readonly now: () => number = () => Date.now()) {}

  /** The popover was just hidden because it lost focus. */
  hiddenOnBlur(): void {
    this.hiddenAt = this.now();
  }

  /** Whether a tray click now should open the popover (false: it is the click that closed it). */
  clickOpens(): boolean {
    return this.now() - this.hiddenAt >= BLUR_GUARD_MS;
  }
}
