#include "lane_layout.hpp"

#include <algorithm>
#include <map>

namespace immersim::gui {

namespace {

QString name_of(const recorded_run& run, std::uint32_t n) {
    return QString::fromStdString(run.node_names[n]);
}

bool serves(const recorded_run& run, std::uint32_t n) {
    return n < run.node_is_server.size() && run.node_is_server[n];
}

// The first fault that struck named nodes (a partition's side, an isolated node).
const time_band* first_cut(const recorded_run& run) {
    for (const time_band& f : run.faults)
        if (!f.nodes.empty())
            return &f;
    return nullptr;
}

} // namespace

void lane_layout::add_group(const recorded_run& run, const QString& name,
                            const std::vector<std::uint32_t>& nodes,
                            const std::set<std::uint32_t>& pinned,
                            const std::set<QString>& expanded, bool say_group_alone) {
    std::vector<std::uint32_t> members;
    for (std::uint32_t n : nodes) {
        group_of_[n] = name;
        if (!pinned.count(n))
            members.push_back(n);
    }
    if (members.empty())
        return;
    if (members.size() == 1 && say_group_alone && !expanded.count(name)) {
        lanes_.push_back({name + ": " + name_of(run, members.front()), members, false});
        return;
    }
    if (expanded.count(name) || members.size() == 1) {
        for (std::uint32_t n : members)
            lanes_.push_back({name_of(run, n), {n}, false});
        return;
    }
    lanes_.push_back({QString("%1 (%2)").arg(name).arg(members.size()), members, true});
}

void lane_layout::build(const recorded_run& run, lane_grouping grouping,
                        const std::set<std::uint32_t>& pinned, const std::set<QString>& expanded) {
    const auto count = static_cast<std::uint32_t>(run.node_names.size());
    lanes_.clear();
    group_of_.assign(count, {});
    const time_band* cut = grouping == lane_grouping::side ? first_cut(run) : nullptr;
    if (grouping == lane_grouping::document) {
        by_document(run, pinned, expanded);
    } else if (grouping == lane_grouping::none || (grouping == lane_grouping::side && !cut)) {
        for (std::uint32_t n = 0; n < count; ++n)
            lanes_.push_back({name_of(run, n), {n}, false});
    } else {
        std::vector<std::uint32_t> struck, rest, others;
        for (std::uint32_t n = 0; n < count; ++n) {
            if (serves(run, n) || pinned.count(n))
                lanes_.push_back({name_of(run, n), {n}, false});
            else if (cut && std::binary_search(cut->nodes.begin(), cut->nodes.end(), n))
                struck.push_back(n);
            else
                (cut ? rest : others).push_back(n);
        }
        const bool peer_to_peer = std::none_of(run.node_is_server.begin(), run.node_is_server.end(),
                                               [](bool s) { return s; });
        if (cut) {
            add_group(run, "cut off", struck, pinned, expanded); // by the first cut
            add_group(run, "other side", rest, pinned, expanded);
        } else {
            add_group(run, peer_to_peer ? "peers" : "clients", others, pinned, expanded);
        }
    }
    lane_of_.assign(count, 0);
    for (std::size_t i = 0; i < lanes_.size(); ++i)
        for (std::uint32_t n : lanes_[i].nodes)
            lane_of_[n] = i;
}

// Servers on lanes of their own (one hosts many documents), then each document's
// clients, in document order; a node the trace gave no document goes last.
void lane_layout::by_document(const recorded_run& run, const std::set<std::uint32_t>& pinned,
                              const std::set<QString>& expanded) {
    std::map<std::uint32_t, std::vector<std::uint32_t>> editors;
    std::vector<std::uint32_t> unplaced;
    for (std::uint32_t n = 0; n < run.node_names.size(); ++n) {
        const bool placed = n < run.node_documents.size() && !run.node_documents[n].empty();
        if (serves(run, n) || pinned.count(n)) // a pinned client stays in its group's name
            lanes_.push_back({name_of(run, n), {n}, false});
        if (!serves(run, n))
            (placed ? editors[run.node_documents[n].front()] : unplaced).push_back(n);
    }
    for (const auto& [document, nodes] : editors)
        add_group(run, QString("document %1").arg(document), nodes, pinned, expanded, true);
    add_group(run, "no document", unplaced, pinned, expanded);
}

QString lane_layout::group_of(std::uint32_t node) const {
    return group_of_.at(node);
}

} // namespace immersim::gui
