import { useEffect, useRef, type ComponentPropsWithoutRef } from 'react';

/**
 * A modal <dialog> opened on mount; Escape calls `onClose` (the parent unmounts it) instead of closing it behind
 * React's back. The pickers and the guide share it; ConfirmDialog keeps its own to focus its default button.
 */
export function ModalDialog({
  onClose,
  heading,
  children,
  ...props
}: Omit<ComponentPropsWithoutRef<'dialog'>, 'onCancel' | 'open'> & {
  onClose(): void;
  /** The dialog's title: its accessible name and an <h3> above the content. */
  heading?: string;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const d = ref.current;
    if (d && !d.open) d.showModal();
  }, []);
  return (
    <dialog
      ref={ref}
      aria-label={heading}
      {...props}
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
    >
      {heading && <h3>{heading}</h3>}
      {children}
    </dialog>
  );
}
