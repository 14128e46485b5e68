#include "trace_writer.hpp"

#include <algorithm>
#include <fmt/format.h>
#include <nlohmann/json.hpp>

namespace immersim::cli {

namespace {

std::string micros(time_ns t) { return fmt::format("{}.{:03}", t / 1000, t % 1000); }

} // namespace

trace_buffer::trace_buffer(trace_format format, const run_spec& spec, std::size_t run_index,
                           const std::string& point, trace_follow follow)
    : format_(format), run_(run_index), follow_(follow), documents_(spec.world->documents.count) {
    const scenario& s = *spec.world;
    run_label_ = fmt::format("{} seed {}", s.compare.at(spec.strategy).label(), spec.seed);
    if (follow_.every && documents_ > 1)
        run_label_ += " all documents";
    if (!point.empty())
        run_label_ += " [" + point + "]";
    node_names_ = node_names(s.topology);
}

void trace_buffer::nodes(const std::vector<node_facts>& per_node) {
    node_names_.clear();
    for (const node_facts& n : per_node)
        node_names_.push_back(n.name);
}

void trace_buffer::follows(std::uint32_t document) {
    if (documents_ > 1) // before the sweep point's "[...]"
        run_label_.insert(std::min(run_label_.find(" ["), run_label_.size()),
                          fmt::format(" document {}", document));
}

namespace {

// A decision's reasons: per place, who won, who lost (a change id, or null when no
// one change did), what was compared, the rule, and the oracle's verdict.
nlohmann::ordered_json why_json(const std::vector<decision_reason>& why) {
    const auto id = [](std::uint64_t change) {
        return change == strategies::no_rival ? nlohmann::ordered_json()
                                              : nlohmann::ordered_json(change);
    };
    nlohmann::ordered_json out = nlohmann::ordered_json::array();
    for (const decision_reason& reason : why) {
        const strategies::decision_record& d = reason.said;
        nlohmann::ordered_json j;
        j["where"] = state::format_path(d.where);
        j["winner"] = id(d.winner);
        j["loser"] = id(d.loser);
        j["compared"] = d.compared;
        j["rule"] = d.rule;
        j["lost"] = reason.lost;
        j["causality_violation"] = reason.causality_violation;
        out.push_back(std::move(j));
    }
    return out;
}

} // namespace

void trace_buffer::record(const trace_record& r) {
    last_ns_ = r.at_ns;
    if (format_ == trace_format::json_lines)
        record_json(r);
    else
        record_chrome(r);
}

void trace_buffer::record_json(const trace_record& r) {
    nlohmann::ordered_json j;
    j["run"] = run_label_;
    j["t_ns"] = r.at_ns;
    j["kind"] = to_string(r.kind);
    j["node"] = node_names_.at(r.node);
    if (r.kind == trace_kind::send || r.kind == trace_kind::deliver ||
        r.kind == trace_kind::decision)
        j["peer"] = node_names_.at(r.peer);
    if (r.kind == trace_kind::send || r.kind == trace_kind::deliver) {
        j["message"] = r.message;
        j["bytes"] = r.bytes;
    }
    if (r.kind != trace_kind::fault)
        j["change"] = r.change;
    if (follow_.every && r.kind != trace_kind::fault)
        j["document"] = r.document; // a change is known by its document and number
    if (!r.detail.empty())
        j["detail"] = r.detail;
    if (!r.why.empty())
        j["why"] = why_json(r.why);
    if (r.kind == trace_kind::fault) {
        j["nodes"] = nlohmann::ordered_json::array();
        for (std::uint32_t n : r.nodes)
            j["nodes"].push_back(node_names_.at(n));
    }
    text_ += j.dump() + "\n";
}

// Chrome: each record an instant event on its node's track with its details as
// `args`; messages also as flow arrows from send to delivery; faults as spans on
// the tracks of the nodes they strike.
void trace_buffer::record_chrome(const trace_record& r) {
    const std::string ts = micros(r.at_ns);
    const std::uint64_t pid = run_ + 1; // pid 0 is the file's own process
    if (r.kind == trace_kind::fault) {
        fault_spans(r);
        return;
    }
    nlohmann::ordered_json args;
    args["change"] = r.change;
    if (follow_.every)
        args["document"] = r.document;
    if (r.kind == trace_kind::send || r.kind == trace_kind::deliver) {
        args["message"] = r.message;
        args["peer"] = node_names_.at(r.peer);
        args["bytes"] = r.bytes;
    }
    if (r.kind == trace_kind::decision) {
        args["from"] = node_names_.at(r.peer);
        args["decision"] = r.detail;
        if (!r.why.empty())
            args["why"] = why_json(r.why);
    }
    if (r.kind == trace_kind::operation)
        args["edit"] = r.detail;
    std::string name = to_string(r.kind);
    if (!r.detail.empty())
        name += ": " + r.detail;
    text_ += fmt::format(
        ",\n{{\"ph\":\"i\",\"s\":\"t\",\"pid\":{},\"tid\":{},\"ts\":{},\"name\":{},\"args\":{}}}",
        pid, r.node, ts, nlohmann::json(name).dump(), args.dump());
    const std::uint64_t flow = r.message + (std::uint64_t{run_} << 40);
    if (r.kind == trace_kind::send)
        text_ += fmt::format(",\n{{\"ph\":\"s\",\"pid\":{},\"tid\":{},\"ts\":{},\"id\":{},"
                             "\"name\":\"message\",\"cat\":\"net\"}}",
                             pid, r.node, ts, flow);
    if (r.kind == trace_kind::deliver)
        text_ += fmt::format(",\n{{\"ph\":\"f\",\"bp\":\"e\",\"pid\":{},\"tid\":{},\"ts\":{},"
                             "\"id\":{},\"name\":\"message\",\"cat\":\"net\"}}",
                             pid, r.node, ts, flow);
}

std::string trace_buffer::span(std::uint32_t node, const std::string& name, time_ns from,
                               time_ns until) const {
    return fmt::format(",\n{{\"ph\":\"X\",\"pid\":{},\"tid\":{},\"ts\":{},\"dur\":{},"
                       "\"name\":{},\"cat\":\"fault\"}}",
                       run_ + 1, node, micros(from), micros(until - from),
                       nlohmann::json(name).dump());
}

// A partition, isolation or cut lasts until the next heal; a crash until its
// node restarts; a degradation until a restore. Each is a span on the tracks of
// the nodes it struck, written when it ends.
void trace_buffer::fault_spans(const trace_record& r) {
    const std::string kind = r.detail.substr(0, r.detail.find(' '));
    const auto close = [&](const std::string& what, const std::vector<std::uint32_t>* only) {
        for (auto it = open_.begin(); it != open_.end();) {
            const bool match = it->first.second == what &&
                               (only == nullptr || std::find(only->begin(), only->end(),
                                                             it->first.first) != only->end());
            if (!match) {
                ++it;
                continue;
            }
            text_ += span(it->first.first, it->second.first, it->second.second, r.at_ns);
            it = open_.erase(it);
        }
    };
    if (kind == "heal")
        return close("cut", nullptr);
    if (kind == "restart")
        return close("crash", &r.nodes);
    if (kind == "restore")
        return close("degraded", nullptr);
    const std::string what = kind == "crash" ? "crash" : kind == "degrade" ? "degraded" : "cut";
    for (std::uint32_t n : r.nodes)
        open_.try_emplace({n, what}, r.detail, r.at_ns);
}

std::string trace_buffer::footer() const {
    std::string out;
    for (const auto& [key, started] : open_)
        out += span(key.first, started.first, started.second, last_ns_);
    return out;
}

std::string trace_buffer::header() const {
    std::string out = fmt::format(
        ",\n{{\"ph\":\"M\",\"pid\":{},\"name\":\"process_name\",\"args\":{{\"name\":{}}}}}",
        run_ + 1, nlohmann::json(run_label_).dump());
    for (std::size_t n = 0; n < node_names_.size(); ++n)
        out += fmt::format(",\n{{\"ph\":\"M\",\"pid\":{},\"tid\":{},\"name\":\"thread_name\","
                           "\"args\":{{\"name\":\"{}\"}}}}",
                           run_ + 1, n, node_names_[n]);
    return out;
}

std::string trace_file(trace_format format, const std::vector<trace_buffer>& runs) {
    std::string out;
    if (format == trace_format::json_lines) {
        for (const trace_buffer& b : runs)
            out += b.text();
        return out;
    }
    out = "{\"displayTimeUnit\":\"ms\",\"traceEvents\":[\n{\"ph\":\"M\",\"pid\":0,\"name\":\"process_name\",\"args\":{\"name\":\"immersim\"}}";
    for (const trace_buffer& b : runs)
        out += b.header() + b.text() + b.footer();
    return out + "\n]}\n";
}

} // namespace immersim::cli
