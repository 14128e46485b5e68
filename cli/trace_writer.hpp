// --trace: the event trace of every run, as JSON lines or in the Chrome Trace
// Event format (Perfetto, chrome://tracing). Each run records into its own buffer
// (runs may execute on several threads); buffers are written in run order, so the
// file is the same for any --jobs.
#pragma once

#include "immersim/run/trace.hpp"
#include "immersim/run/run_spec.hpp"

#include <string>
#include <vector>

namespace immersim::cli {

enum class trace_format { json_lines, chrome };

class trace_buffer final : public trace_sink {
public:
    trace_buffer(trace_format format, const run_spec& spec, std::size_t run_index);
    void record(const trace_record& r) override;
    // Chrome: the metadata that names this run's process and node tracks.
    std::string header() const;
    const std::string& text() const { return text_; }

private:
    trace_format format_;
    std::size_t run_;
    std::string run_label_;
    std::vector<std::string> node_names_;
    std::string text_;
};

// The whole file from the runs' buffers, in order.
std::string trace_file(trace_format format, const std::vector<trace_buffer>& runs);

} // namespace immersim::cli
