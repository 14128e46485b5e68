#include "trace_writer.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

namespace immersim::cli {

namespace {

std::string micros(time_ns t) { return fmt::format("{}.{:03}", t / 1000, t % 1000); }

std::string node_name(const scenario& s, std::uint32_t node) {
    return node < s.topology.servers ? "server-" + std::to_string(node)
                                     : "client-" + std::to_string(node - s.topology.servers);
}

} // namespace

trace_buffer::trace_buffer(trace_format format, const run_spec& spec, std::size_t run_index)
    : format_(format), run_(run_index) {
    const scenario& s = *spec.world;
    run_label_ = fmt::format("{} seed {}", s.compare.at(spec.strategy).label(), spec.seed);
    for (std::uint32_t n = 0; n < s.topology.servers + s.topology.clients; ++n)
        node_names_.push_back(node_name(s, n));
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
    if (format_ == trace_format::json_lines) {
        nlohmann::ordered_json j;
        j["run"] = run_label_;
        j["t_ns"] = r.at_ns;
        j["kind"] = to_string(r.kind);
        j["node"] = node_names_.at(r.node);
        if (r.kind == trace_kind::send || r.kind == trace_kind::deliver ||
            r.kind == trace_kind::decision)
            j["peer"] = node_names_.at(r.peer);
        if (r.kind == trace_kind::send || r.kind == trace_kind::deliver)
            j["message"] = r.message;
        if (r.kind != trace_kind::fault)
            j["change"] = r.change;
        if (!r.detail.empty())
            j["detail"] = r.detail;
        if (!r.why.empty())
            j["why"] = why_json(r.why);
        text_ += j.dump() + "\n";
        return;
    }
    // Chrome: a short slice on the node's track for each record; messages also as
    // flow arrows from the send slice to the delivery slice.
    const std::string ts = micros(r.at_ns);
    std::string name = to_string(r.kind);
    if (!r.detail.empty())
        name += ": " + r.detail;
    const std::string args = r.why.empty()
                                 ? std::string()
                                 : ",\"args\":" + nlohmann::json{{"why", why_json(r.why)}}.dump();
    text_ +=
        fmt::format(",\n{{\"ph\":\"X\",\"pid\":{},\"tid\":{},\"ts\":{},\"dur\":1,\"name\":{}{}}}",
                    run_, r.node, ts, nlohmann::json(name).dump(), args);
    if (r.kind == trace_kind::send)
        text_ += fmt::format(",\n{{\"ph\":\"s\",\"pid\":{},\"tid\":{},\"ts\":{},\"id\":{},\"name\":\"message\",\"cat\":\"net\"}}",
                             run_, r.node, ts, r.message + (std::uint64_t{run_} << 40));
    if (r.kind == trace_kind::deliver)
        text_ += fmt::format(",\n{{\"ph\":\"f\",\"bp\":\"e\",\"pid\":{},\"tid\":{},\"ts\":{},\"id\":{},\"name\":\"message\",\"cat\":\"net\"}}",
                             run_, r.node, ts, r.message + (std::uint64_t{run_} << 40));
}

std::string trace_buffer::header() const {
    std::string out = fmt::format(
        ",\n{{\"ph\":\"M\",\"pid\":{},\"name\":\"process_name\",\"args\":{{\"name\":{}}}}}", run_,
        nlohmann::json(run_label_).dump());
    for (std::size_t n = 0; n < node_names_.size(); ++n)
        out += fmt::format(
            ",\n{{\"ph\":\"M\",\"pid\":{},\"tid\":{},\"name\":\"thread_name\",\"args\":{{\"name\":\"{}\"}}}}",
            run_, n, node_names_[n]);
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
        out += b.header() + b.text();
    return out + "\n]}\n";
}

} // namespace immersim::cli
