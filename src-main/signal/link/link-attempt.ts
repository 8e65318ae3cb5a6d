// One attempt to link this computer, from the first QR code to the stored account: a
// provisioning socket shows codes (renewed every 45 s, see provisioning.ts) until the phone
// scans one, then completeLink (linking.ts) registers the device, uploads its keys and stores the
// account. The service (../service.ts) owns the link state the owner sees and decides what
// follows a failure (a fresh code after a moment); this file is only the sequence itself.
import type { Clock } from '../../shared/clock.js';
import type { Logger } from '../../shared/logger.js';
import type { Store } from '../../store/database.js';
import type { ProtocolRepo } from '../../store/protocol-repo.js';
import type { SignalAccount, SignalAccountRepo } from '../../store/signal-account-repo.js';
import { SignalPreKeyRepo } from '../../store/signal-prekey-repo.js';
import type { Net } from '../connection/net-factory.js';
import { completeLink } from './linking.js';
import { Provisioner, type ProvisionerOptions } from './provisioning.js';

export interface LinkAttemptOptions extends Pick<ProvisionerOptions, 'onUrl' | 'onConnectError' | 'maxUrlAgeMs'> {
  readonly net: Net;
  readonly store: Store;
  readonly accounts: SignalAccountRepo;
  readonly protocol: ProtocolRepo;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly deviceName: string;
  /** The phone scanned a code: registering this device starts (no code to show any more). */
  readonly onScanned: () => void;
}

export class LinkAttempt {
  private readonly provisioner: Provisioner;

  constructor(private readonly options: LinkAttemptOptions) {
    const { net, clock, logger, onUrl, onConnectError, maxUrlAgeMs } = options;
    this.provisioner = new Provisioner({ net, clock, logger, onUrl, onConnectError, maxUrlAgeMs });
  }

  /** Resolves with the linked account, stored; rejects when linking failed or stop() ended it. */
  async run(): Promise<SignalAccount> {
    const message = await this.provisioner.run();
    this.options.onScanned();
    const { net, store, accounts, protocol, clock, logger, deviceName } = this.options;
    const now = () => clock.now();
    return completeLink({ net, store, accounts, prekeys: new SignalPreKeyRepo(store, now), protocol, logger, now }, message, deviceName);
  }

  /** Closes the codes' sockets; a registration already sent is left to land (its result is stored). */
  stop(): Promise<void> {
    return this.provisioner.stop();
  }
}
