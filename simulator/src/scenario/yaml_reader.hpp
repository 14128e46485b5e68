// Helpers that read yaml-cpp nodes into values while collecting diagnostics with
// positions. yaml-cpp marks are 0-based; diagnostics are 1-based. A key that is
// missing has no position of its own, so it is reported at its parent mapping.
#pragma once

#include "immersim/engine/time.hpp"
#include "immersim/support/diagnostic.hpp"

#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <vector>
#include <yaml-cpp/depthguard.h>
#include <yaml-cpp/yaml.h>

namespace immersim::yaml_input {

class reader {
public:
    explicit reader(std::string file_name) : file_(std::move(file_name)) {}

    void error_at(const YAML::Mark& mark, std::string message);
    // At the node's place: its line and column in the file, or, for a node that came
    // from outside the file (see add_origin), the column in that text.
    void error_at(const YAML::Node& node, std::string message);

    // Nodes under `root` came from `label` (such as "--set topology.clients=abc"),
    // not from the file: their errors are reported as "label: col N". The value text
    // starts at 1-based column `first_column` of the label's text; `marked` when the
    // value was parsed from that text (its nodes' marks are offsets into it).
    void add_origin(YAML::Node root, std::string label, int first_column, bool marked);
    // `node` itself (not what lies under it) was made by the loader on behalf of the
    // file's text at `mark` (a key a sweep adds): its errors are reported there.
    void add_origin(YAML::Node node, const YAML::Mark& mark);
    diagnostics take_errors() { return std::move(errors_); }
    // A diagnostic about another file (a topology file the scenario names).
    void add(diagnostic d) { errors_.push_back(std::move(d)); }
    const std::string& file_name() const { return file_; }
    bool ok() const { return errors_.empty(); }

    std::optional<std::string> string_value(const YAML::Node& node, const std::string& key);
    std::optional<std::uint64_t> unsigned_value(const YAML::Node& node, const std::string& key,
                                                std::uint64_t min, std::uint64_t max);
    // A duration from 0 to `max` (by default user_duration_max, 365 days).
    std::optional<time_ns> duration_value(const YAML::Node& node, const std::string& key,
                                          time_ns max = user_duration_max);
    // An interval between repeated events, from 1ms to user_duration_max: an interval
    // of 0 would repeat an event at one instant until the event budget ran out.
    std::optional<time_ns> interval_value(const YAML::Node& node, const std::string& key);
    // A duration that may be negative ("-400ms"), from -max_abs to max_abs.
    std::optional<time_ns> signed_duration_value(const YAML::Node& node, const std::string& key,
                                                 time_ns max_abs);
    std::optional<std::int64_t> integer_value(const YAML::Node& node, const std::string& key,
                                              std::int64_t min, std::int64_t max);
    // A real number in [min, max].
    std::optional<double> real_value(const YAML::Node& node, const std::string& key, double min,
                                     double max);
    // true/false (also on/off, yes/no).
    std::optional<bool> bool_value(const YAML::Node& node, const std::string& key);
    // One of `choices`; the message lists them.
    std::optional<std::string> choice_value(const YAML::Node& node, const std::string& key,
                                            const std::vector<std::string>& choices);
    // A rate such as "10/s", "0.5/s", "300/m" or "1/10s", in events per second: at
    // least one per user_duration_max, at most 10^9/s.
    std::optional<double> rate_per_s_value(const YAML::Node& node, const std::string& key);

private:
    struct origin {
        YAML::Node root;
        std::string label;
        int first_column = 1;
        bool marked = false;
        std::optional<YAML::Mark> file_mark; // set: only `root` itself, at this mark
    };

    std::string file_;
    diagnostics errors_;
    std::vector<origin> origins_;
};

// Reads the keys of one mapping. finish() reports every key that was never asked
// for as unknown, naming the keys this mapping accepts: a typo must not become a
// silent default.
class mapping {
public:
    mapping(reader& r, const YAML::Node& node, std::string where);
    ~mapping();
    void finish();
    // Ends reading without reporting unknown keys: after an error that makes the
    // other keys meaningless (an unknown distribution kind), they would only add noise.
    void abandon() { finished_ = true; }
    mapping(const mapping&) = delete;
    mapping& operator=(const mapping&) = delete;

    bool valid() const { return valid_; }
    // The value under `key`, or an undefined node when absent (then reports it if
    // `required`).
    YAML::Node optional(const std::string& key);
    YAML::Node required(const std::string& key);

private:
    reader& reader_;
    YAML::Node node_;
    std::string where_;
    std::vector<std::string> accepted_;
    bool valid_ = false;
    bool finished_ = false;
};

} // namespace immersim::yaml_input
