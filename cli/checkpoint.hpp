// The checkpoint that makes --resume possible: every finished run is appended to
// DIR/.checkpoint.jsonl as one JSON line, after a first line that identifies the
// study (scenario text, overrides, seed). A rerun with --resume reads it back,
// runs only what is missing and writes the same files an uninterrupted run would.
#pragma once

#include "immersim/run/run_result.hpp"

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <tuple>

namespace immersim::cli {

using run_key = std::tuple<std::size_t, std::size_t, std::uint64_t>; // point, strategy, seed

std::string checkpoint_line(const run_result& r);
std::optional<run_result> parse_checkpoint_line(const std::string& line);

// How many finished runs a checkpoint holds (0 when it cannot be read).
std::size_t checkpoint_runs(const std::filesystem::path& file);

// The finished runs in `file` if its first line is `fingerprint`; nothing when the
// file does not exist. A half-written last line (the process was killed while
// writing it) is ignored. `error` is set when the file is for another study.
std::map<run_key, run_result> read_checkpoint(const std::filesystem::path& file,
                                              const std::string& fingerprint, std::string& error);

} // namespace immersim::cli
