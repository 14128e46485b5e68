// --trace: the event trace of every run, as JSON lines or in the Chrome Trace
// Event format (Perfetto, chrome://tracing). Each run records into its own buffer
// (runs may execute on several threads); buffers are written in run order, so the
// file is the same for any --jobs.
#pragma once

#include "immersim/run/run_spec.hpp"
#include "immersim/run/trace.hpp"

#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace immersim::cli {

enum class trace_format { json_lines, chrome };

// Which documents a trace follows in a world of several (--trace-document).
struct trace_follow {
    std::optional<std::uint32_t> document; // none: the first anyone edits
    bool every = false; // all of them: records name their document and the topology's nodes
};

class trace_buffer final : public trace_sink {
public:
    // `point` names the sweep point ("topology.clients=10, drain=5s"; empty without
    // a sweep), so that runs of different points have different labels.
    // `follow`: which documents to follow in a world of several.
    trace_buffer(trace_format format, const run_spec& spec, std::size_t run_index,
                 const std::string& point, trace_follow follow = {});
    void record(const trace_record& r) override;
    // The traced nodes' names (a document's members, in a world of several).
    void nodes(const std::vector<node_facts>& per_node) override;
    std::optional<std::uint32_t> document() const override { return follow_.document; }
    bool every_document() const override { return follow_.every; }
    // The run's label says which document it followed ("merge seed 7 document 3").
    void follows(std::uint32_t document) override;
    // Chrome: the metadata that names this run's process and node tracks.
    std::string header() const;
    // Chrome: the fault spans still open when the run ended, closed at its last event.
    std::string footer() const;
    const std::string& text() const { return text_; }

private:
    void record_json(const trace_record& r);
    void record_chrome(const trace_record& r);
    void fault_spans(const trace_record& r);
    std::string span(std::uint32_t node, const std::string& name, time_ns from,
                     time_ns until) const;

    trace_format format_;
    std::size_t run_;
    std::string run_label_;
    trace_follow follow_;
    std::uint32_t documents_ = 1;
    std::vector<std::string> node_names_;
    std::string text_;
    time_ns last_ns_ = 0;
    // Chrome: open fault spans per node and kind of fault (cut, crash, degraded):
    // their name and start.
    std::map<std::pair<std::uint32_t, std::string>, std::pair<std::string, time_ns>> open_;
};

// The whole file from the runs' buffers, in order.
std::string trace_file(trace_format format, const std::vector<trace_buffer>& runs);

} // namespace immersim::cli
