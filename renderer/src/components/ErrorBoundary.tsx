import { Component, type ErrorInfo, type ReactNode } from 'react';
import { reportError } from '../heartbeat';
import { forceReset, resetVisit } from '../session/sessionClock';
import { describeFailure } from './recovery';

/** After a failure: render the children again (after the kiosk was reset), or stay on the fallback. */
export type AfterFailure = 'retry' | 'fallback';

interface Props {
  onError(error: unknown, componentStack: string): AfterFailure;
  /** Shown while failed; nothing by default (a screen's boundary is gone with the reset that follows). */
  fallback?: ReactNode;
  children: ReactNode;
}

interface State {
  failed: boolean;
}

/**
 * Catches what a part of the page throws while rendering, so a visitor never sees a blank screen. What
 * happens next is the owner's decision (`onError`); see recovery.ts.
 */
export class ErrorBoundary extends Component<Props, State> {
  override state: State = { failed: false };

  static getDerivedStateFromError(): State {
    return { failed: true };
  }

  override componentDidCatch(error: unknown, info: ErrorInfo): void {
    if (this.props.onError(error, info.componentStack ?? '') === 'retry') this.setState({ failed: false });
  }

  override render(): ReactNode {
    return this.state.failed ? (this.props.fallback ?? null) : this.props.children;
  }
}

/** Back to the attract loop, as a fresh kiosk: the session clock and the visit store's one reset(). */
export function returnToAttract(): void {
  // forceReset() resets the visit only when a visit is running; an overlay opened over the attract loop (the
  // staff panel) is closed by the store's reset() all the same.
  forceReset();
  resetVisit();
}

/** For a screen's boundary: log the failure and return to the attract loop. */
export function onScreenError(where: string) {
  return (error: unknown, componentStack: string): AfterFailure => {
    reportError(describeFailure(where, error, componentStack, 'back to the attract loop'));
    returnToAttract();
    return 'fallback';
  };
}
