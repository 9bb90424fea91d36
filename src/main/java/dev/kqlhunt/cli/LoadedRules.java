package dev.kqlhunt.cli;

import dev.kqlhunt.rule.Rule;
import dev.kqlhunt.rule.RuleLoader;
import dev.kqlhunt.tuning.TuningFile;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The rules of a command's {@code --rule} arguments, with the tuning file beside each rule
 * unless tuning is off, and the lint check of those tuning files, which the command reports
 * before it touches its output folder.
 *
 * @param tuning each tuned rule's tuning file by rule folder
 */
record LoadedRules(List<Rule> rules, Map<String, TuningFile> tuning, TuningCheck tuningCheck) {

    /**
     * Loads every rule that {@code ruleArguments} names, calling {@code check} on each rule as it
     * is loaded, so that the first broken rule fails before the next one is read.
     *
     * @param noTuning whether to skip the tuning files
     */
    static LoadedRules load(List<Path> ruleArguments, boolean noTuning, Consumer<Rule> check) {
        List<Rule> rules = new ArrayList<>();
        Map<String, TuningFile> tuning = new HashMap<>();
        TuningCheck tuningCheck = new TuningCheck();
        for (Path file : RuleFiles.resolve(ruleArguments)) {
            Rule rule = RuleLoader.load(file);
            check.accept(rule);
            rules.add(rule);
            if (!noTuning) {
                tuningCheck.loadBeside(file, rule, tuning);
            }
        }
        return new LoadedRules(rules, tuning, tuningCheck);
    }
}
