// A file input that speaks the app's language: a translated button over a hidden native input (whose
// "Choose Files / No file chosen" would follow the browser's language), plus what was chosen.
export interface FilePickProps {
  label: string;
  testId: string;
  accept: string;
  onFiles: (files: File[]) => void;
  multiple?: boolean;
  disabled?: boolean;
  /** The chosen file's name, shown next to the button (omit when the caller shows the outcome itself). */
  chosen?: string | null;
  className?: string;
}

export function FilePick({ label, testId, accept, onFiles, multiple = false, disabled = false, chosen, className = 'btn--ghost' }: FilePickProps) {
  return (
    <span className="file-pick">
      <label className={`btn ${className} file-pick__button${disabled ? ' file-pick__button--disabled' : ''}`}>
        {label}
        <input
          type="file"
          className="visually-hidden"
          data-testid={testId}
          accept={accept}
          multiple={multiple}
          // not `disabled`: the field just used keeps the keyboard focus while it cannot take a file
          aria-disabled={disabled || undefined}
          onClick={(event) => disabled && event.preventDefault()}
          onChange={(event) => {
            const files = disabled ? [] : [...(event.target.files ?? [])];
            // Cleared so that picking the same file again (a re-import) still counts as a choice.
            event.target.value = '';
            if (files.length > 0) onFiles(files);
          }}
        />
      </label>
      {chosen && <span className="hint file-pick__chosen">{chosen}</span>}
    </span>
  );
}
