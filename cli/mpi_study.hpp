// A study spread over MPI ranks: `mpirun -n K immersim run FILE --out DIR`.
// Rank 0 coordinates: it hands out runs one at a time to whichever rank asks
// (dynamic distribution: a slow run holds up only its own rank), runs some itself
// on a second thread, collects every result, and writes the outputs, byte for byte
// those of `--jobs 1`. The other ranks load the same study, run what they are
// given and send each result back; they print nothing.
#pragma once

#include "immersim/run/run_pool.hpp"
#include "immersim/scenario/scenario.hpp"

#include <optional>
#include <vector>

namespace immersim::cli {

// This process was started by mpirun (or srun) with several ranks.
bool launched_by_mpi();

class mpi_session {
public:
    mpi_session();  // MPI_Init (threads: funneled)
    ~mpi_session(); // MPI_Finalize
    mpi_session(const mpi_session&) = delete;
    mpi_session& operator=(const mpi_session&) = delete;

    int rank() const { return rank_; }
    int size() const { return size_; }

    // Every rank returns rank 0's `verdict` (a check only rank 0 makes, such as
    // the memory estimate, which counts its own resident memory).
    bool agree(bool verdict);
    // Rank 0: the other ranks now wait for work; from here on, leaving without
    // release_workers would leave them waiting.
    void workers_serving() { serving_ = true; }
    // Rank 0: runs each round over all ranks (see run_study).
    round_runner coordinator();
    // Rank 0, at the end: tells every rank that nothing more will come.
    void release_workers();
    // Ranks other than 0: run what rank 0 sends, for `points`, until it says stop.
    // Returns the exit code.
    int serve(const std::vector<study_point>& points, std::uint64_t memory_cap);

private:
    int rank_ = 0;
    int size_ = 1;
    std::vector<int> waiting_; // ranks that asked for work while there was none
    int released_ = 0;
    bool serving_ = false;
};

} // namespace immersim::cli
