import { useEffect, useRef, type ReactNode } from 'react';

/**
 * Asks before an action that cannot be taken back (delete, cancel, restore, submit). Enter confirms (the confirm
 * button has the focus), Escape or "Không" closes. A modal <dialog>, so the rest of the screen waits.
 */
export function ConfirmDialog({
  title,
  children,
  yes,
  no,
  onYes,
  onNo,
  testId = 'confirm',
  danger = false,
}: {
  title: string;
  children?: ReactNode;
  yes: string;
  no: string;
  onYes(): void;
  onNo(): void;
  testId?: string;
  danger?: boolean;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const yesRef = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    const d = ref.current;
    if (d && !d.open) d.showModal();
    yesRef.current?.focus();
  }, []);
  return (
    <dialog
      ref={ref}
      className="confirm-dialog"
      aria-label={title}
      data-testid={testId}
      onCancel={(e) => {
        e.preventDefault();
        onNo();
      }}
    >
      <form
        method="dialog"
        onSubmit={(e) => {
          e.preventDefault();
          onYes();
        }}
      >
        <h3>{title}</h3>
        {children}
        <div className="toolbar">
          <button ref={yesRef} type="submit" className={danger ? 'danger' : 'primary'} data-testid={`${testId}-yes`}>
            {yes}
          </button>
          <button type="button" data-testid={`${testId}-no`} onClick={onNo}>
            {no}
          </button>
        </div>
      </form>
    </dialog>
  );
}
