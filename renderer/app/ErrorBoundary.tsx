import { Component, type ReactNode } from 'react';

interface Props {
  title: string;
  hint: string;
  retry: string;
  children: ReactNode;
}

/** Shows a readable message instead of a blank window when a screen throws; the rest of the app keeps working. */
export class ErrorBoundary extends Component<Props, { error: Error | null }> {
  override state: { error: Error | null } = { error: null };
  static getDerivedStateFromError(error: Error) {
    return { error };
  }
  override render() {
    if (!this.state.error) return this.props.children;
    return (
      <div role="alert" className="error-boundary">
        <h2>{this.props.title}</h2>
        <p>{this.props.hint}</p>
        <pre>{this.state.error.message}</pre>
        <button type="button" onClick={() => this.setState({ error: null })}>
          {this.props.retry}
        </button>
      </div>
    );
  }
}
