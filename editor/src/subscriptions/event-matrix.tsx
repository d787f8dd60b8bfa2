import { CHANNELS } from '../../../engine/scenario/channels.ts';
import { EVENT_TYPES } from '../../../engine/subscriptions/event-catalog.ts';
import type { SubscriptionInput } from '../../../engine/subscriptions/subscription-schema.ts';
import { toggleChannel, toggleEvent } from './subscription-draft.ts';

export interface EventMatrixProps {
  value: SubscriptionInput;
  onChange: (next: SubscriptionInput) => void;
  /** Server issues by field, e.g. `events[2].channels`. */
  errors: Readonly<Record<string, string>>;
}

/**
 * Event types × channels: a row per event type, ticked to receive it; webhook events also say
 * which channels' nodes they report (sms, email…), the others have no channel.
 */
export function EventMatrix({ value, onChange, errors }: EventMatrixProps) {
  return (
    <table className="event-matrix" aria-label="Events and channels">
      <thead>
        <tr>
          <th scope="col">Event</th>
          <th scope="col">Receive</th>
          {CHANNELS.map((channel) => (
            <th scope="col" key={channel}>
              {channel}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {EVENT_TYPES.map((info) => {
          const index = value.events.findIndex((event) => event.type === info.type);
          const event = value.events[index];
          const error = errors[`events[${index}].channels`];
          return (
            <tr key={info.type} data-event-type={info.type} className={event ? 'on' : ''}>
              <th scope="row">
                <span className="mono">{info.type}</span>
                <span className="muted small event-matrix-description">{info.description}</span>
                {error && <span className="field-error">{error}</span>}
              </th>
              <td>
                <input
                  type="checkbox"
                  aria-label={`Receive ${info.type}`}
                  checked={Boolean(event)}
                  onChange={(change) => onChange(toggleEvent(value, info.type, change.target.checked))}
                />
              </td>
              {CHANNELS.map((channel) => (
                <td key={channel}>
                  {info.channel ? (
                    <input
                      type="checkbox"
                      aria-label={`${info.type} on ${channel}`}
                      checked={Boolean(event?.channels.includes(channel))}
                      onChange={(change) =>
                        onChange(toggleChannel(value, { type: info.type, channel }, change.target.checked))
                      }
                    />
                  ) : (
                    <span className="muted" aria-hidden>
                      ·
                    </span>
                  )}
                </td>
              ))}
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
