// A file picker that also accepts drag-and-drop; a real <input type=file> inside a label keeps it
// keyboard- and screen-reader-accessible.
import { useState, type DragEvent } from 'react';

interface FileDropProps {
  readonly label: string;
  readonly accept: string;
  readonly disabled?: boolean;
  readonly onFile: (file: File) => void;
  readonly testId: string;
}

export function FileDrop({ label, accept, disabled, onFile, testId }: FileDropProps) {
  const [dragging, setDragging] = useState(false);
  const onDrop = (event: DragEvent) => {
    event.preventDefault();
    setDragging(false);
    const file = event.dataTransfer.files[0];
    if (file && !disabled) onFile(file);
  };
  return (
    <label
      className={`file-drop${dragging ? ' dragging' : ''}${disabled ? ' disabled' : ''}`}
      onDragOver={(event) => {
        event.preventDefault();
        setDragging(true);
      }}
      onDragLeave={() => setDragging(false)}
      onDrop={onDrop}
      data-testid={`${testId}-drop`}
    >
      <span>{label}</span>
      <small>or drop a file here</small>
      <input
        type="file"
        accept={accept}
        disabled={disabled}
        data-testid={`${testId}-input`}
        onChange={(event) => {
          const file = event.target.files?.[0];
          event.target.value = '';
          if (file) onFile(file);
        }}
      />
    </label>
  );
}
