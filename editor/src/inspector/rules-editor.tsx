import { Plus, X } from 'lucide-react';
import { useMemo } from 'react';
import { CRITERIA, type Criteria } from '../../../engine/audience/filter-schema.ts';
import { type Suggestion, useFieldSuggestions } from '../suggestions/field-suggestions.tsx';
import { listOf, text } from './config-values.ts';

interface DraftRule {
  field?: string;
  criteria?: Criteria;
  value?: unknown;
  join?: 'and' | 'or';
}

const CRITERIA_LABELS: Record<Criteria, string> = {
  equals: 'equals',
  not_equals: 'does not equal',
  contains: 'contains',
  not_contains: 'does not contain',
  starts_with: 'starts with',
  ends_with: 'ends with',
  greater_than: 'is greater than',
  less_than: 'is less than',
  exists: 'exists',
  not_exists: 'does not exist',
  in_list: 'is one of',
};

const NO_VALUE: ReadonlySet<Criteria> = new Set(['exists', 'not_exists']);

export interface RulesEditorProps {
  /** Config path of the rule list, e.g. `config.rules` or `config.conditions.rules`. */
  path: string;
  rules: unknown;
  errors: Readonly<Record<string, string>>;
  onChange: (rules: DraftRule[], key: string) => void;
  /** Paths every form of this kind offers; those found in stored data are added (`SuggestionScope`). */
  suggestions: readonly string[];
  emptyText: string;
}

/** Rows of `field criteria value`, joined by AND / OR (AND binds tighter, as in SQL). */
export function RulesEditor({ path, rules, errors, onChange, suggestions, emptyText }: RulesEditorProps) {
  const list = listOf<DraftRule>(rules);
  const listId = `${path}-fields`;
  const found = useFieldSuggestions();
  const options = useMemo((): Suggestion[] => {
    const known = new Set(found.map((suggestion) => suggestion.path));
    return [...found, ...suggestions.filter((path) => !known.has(path)).map((path) => ({ path }))];
  }, [found, suggestions]);
  const change = (index: number, patch: Partial<DraftRule>, key: string) =>
    onChange(
      list.map((rule, at) => (at === index ? { ...rule, ...patch } : rule)),
      `${path}.${index}.${key}`,
    );
  const add = () =>
    onChange([...list, { field: '', criteria: 'equals', value: '', join: 'and' }], `${path}.add`);
  const remove = (index: number) =>
    onChange(
      list.filter((_, at) => at !== index),
      `${path}.remove`,
    );
  return (
    <div className="rules" data-field={path}>
      <datalist id={listId}>
        {options.map((option) => (
          <option key={option.path} value={option.path} label={option.detail} />
        ))}
      </datalist>
      {list.length === 0 && <p className="muted small">{emptyText}</p>}
      {list.map((rule, index) => {
        const criteria = rule.criteria ?? 'equals';
        const rowErrors = [
          errors[`${path}.${index}.field`],
          errors[`${path}.${index}.value`],
          errors[`${path}.${index}`],
        ];
        return (
          <div key={index} className="rule">
            {index > 0 && (
              <select
                className="rule-join"
                aria-label={`Join rule ${index + 1}`}
                value={rule.join ?? 'and'}
                onChange={(event) => change(index, { join: event.target.value as 'and' | 'or' }, 'join')}
              >
                <option value="and">AND</option>
                <option value="or">OR</option>
              </select>
            )}
            <div className="rule-row" data-field={`${path}.${index}.field`}>
              <input
                aria-label={`Rule ${index + 1} field`}
                aria-invalid={Boolean(rowErrors[0])}
                list={listId}
                placeholder="customer.plan"
                value={text(rule.field)}
                onChange={(event) => change(index, { field: event.target.value }, 'field')}
              />
              <select
                aria-label={`Rule ${index + 1} comparison`}
                value={criteria}
                onChange={(event) => change(index, { criteria: event.target.value as Criteria }, 'criteria')}
              >
                {CRITERIA.map((option) => (
                  <option key={option} value={option}>
                    {CRITERIA_LABELS[option]}
                  </option>
                ))}
              </select>
              {!NO_VALUE.has(criteria) && (
                <input
                  aria-label={`Rule ${index + 1} value`}
                  placeholder={criteria === 'in_list' ? 'a, b, c' : 'value'}
                  value={text(rule.value)}
                  onChange={(event) => change(index, { value: event.target.value }, 'value')}
                />
              )}
              <button
                type="button"
                className="icon-btn"
                aria-label={`Remove rule ${index + 1}`}
                onClick={() => remove(index)}
              >
                <X size={14} aria-hidden />
              </button>
            </div>
            {rowErrors.filter(Boolean).map((message) => (
              <p key={message} className="field-error">
                {message}
              </p>
            ))}
          </div>
        );
      })}
      <button type="button" className="btn small ghost" onClick={add}>
        <Plus size={14} aria-hidden /> Add rule
      </button>
    </div>
  );
}
