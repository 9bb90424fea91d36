package dev.kqlhunt.rule;

/** An invalid rule file, with the file, line and column at fault in its message. */
public class RuleException extends RuntimeException {

    public RuleException(String message) {
        super(message);
    }

    public RuleException(String message, Throwable cause) {
        super(message, cause);
    }
}
