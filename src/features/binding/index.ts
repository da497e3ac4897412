/** Channel bindings: which group a Teams channel belongs to, and the channels the bot is installed in. */
import type { BindingService } from './binding-service';
import type { ChannelDirectory } from './channel-directory';

export { bindingFeature } from './binding-feature';
export type { BindingService, GroupBoundListener } from './binding-service';
export type { ChannelDirectory } from './channel-directory';

declare module '../../platform/teams/feature' {
  interface FeatureServices {
    binding: BindingService;
    /** Conversation references of the channels the bot can post to. */
    channels: ChannelDirectory;
  }
}
