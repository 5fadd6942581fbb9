import { useEffect, useRef, type ComponentPropsWithoutRef } from 'react';

/**
 * A modal <dialog> opened on mount; Escape calls `onClose` (the parent unmounts it) instead of closing it behind
 * React's back. The pickers and the guide share it; ConfirmDialog keeps its own to focus its default button.
 */
export function ModalDialog({
  onClose,
  children,
  ...props
}: Omit<ComponentPropsWithoutRef<'dialog'>, 'onCancel' | 'open'> & { onClose(): void }) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const d = ref.current;
    if (d && !d.open) d.showModal();
  }, []);
  return (
    <dialog
      ref={ref}
      {...props}
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
    >
      {children}
    </dialog>
  );
}
