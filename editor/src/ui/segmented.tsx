export interface SegmentedProps<T extends string> {
  /** Read by screen readers, e.g. "Wait mode". */
  label: string;
  /** The config path, so a validation issue on it scrolls here. */
  field: string;
  options: readonly { id: T; label: string }[];
  value: T;
  /** Called only when another option is picked. */
  onPick: (id: T) => void;
  small?: boolean;
}

/** A row of mutually exclusive choices (a radio group drawn as buttons), e.g. JSON / TEXT / XML. */
export function Segmented<T extends string>({
  label,
  field,
  options,
  value,
  onPick,
  small,
}: SegmentedProps<T>) {
  return (
    <div
      className={small ? 'segmented small' : 'segmented'}
      role="radiogroup"
      aria-label={label}
      data-field={field}
    >
      {options.map((option) => (
        <button
          key={option.id}
          type="button"
          role="radio"
          aria-checked={value === option.id}
          className={value === option.id ? 'on' : ''}
          onClick={() => value !== option.id && onPick(option.id)}
        >
          {option.label}
        </button>
      ))}
    </div>
  );
}
