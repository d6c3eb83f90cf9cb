package parkwait.config;

import parkwait.cli.UserException;

/** A bad config file or option (exit 2). */
public final class ConfigException extends UserException {
    public ConfigException(String message) {
        super(parkwait.cli.ExitCodes.USAGE, message);
    }
}
