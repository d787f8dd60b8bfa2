import type { AgendaBackend, JobRepository } from 'agenda';
import { type RunTimeSource, WakeUpChannel } from './wake-up-channel.ts';

/**
 * Agenda on a connection the app opened and closes itself (`ownsConnection` is false, so
 * `agenda.stop()` leaves it open), with `WakeUpChannel` as its notification channel: jobs saved
 * by this process fire when due instead of at the next poll; other processes' at the next poll.
 */
export class AppAgendaBackend implements AgendaBackend {
  readonly name: string;
  readonly repository: JobRepository;
  readonly notificationChannel: WakeUpChannel;
  readonly ownsConnection = false;

  constructor(options: { name: string; repository: JobRepository; runTimes: RunTimeSource }) {
    this.name = options.name;
    this.repository = options.repository;
    this.notificationChannel = new WakeUpChannel(options.runTimes);
  }

  async connect(): Promise<void> {
    await this.repository.connect();
  }

  async disconnect(): Promise<void> {
    // Nothing to close: the app opened the database and closes it last.
  }
}
