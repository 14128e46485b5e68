// How the CLI presents results: the table on stdout, JSON, and files under --out.
#pragma once

#include "immersim/run/run_result.hpp"
#include "immersim/scenario/scenario.hpp"

#include <filesystem>
#include <ostream>
#include <string>
#include <vector>

namespace immersim::cli {

struct report {
    const scenario* source = nullptr;
    std::vector<run_result> runs;
    std::uint64_t digest = 0; // over all runs, in order
};

void write_table(std::ostream& out, const report& r, bool with_perf);
std::string json_document(const report& r);
std::string runs_csv(const report& r);

// Writes `content` to `path` atomically: a temporary file beside it, then rename, so
// a reader never sees half a file.
bool write_file_atomically(const std::filesystem::path& path, const std::string& content,
                           std::string& error);

} // namespace immersim::cli
