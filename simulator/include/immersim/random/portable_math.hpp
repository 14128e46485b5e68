// Logarithm and exponential computed from +, -, *, / and IEEE-754 scaling only.
// The C library's log and exp may differ in the last bit between platforms; these
// give the same bits everywhere (the build disables FMA contraction), which keeps
// every distribution, and so every run, reproducible across machines. Both reduce
// their argument to a small interval with a table (log: 1/c and log c for c = k/128;
// exp: 2^(j/64)) and finish with a short polynomial, so the chain of dependent
// operations that a sampled latency waits on stays short. They are within 1.6
// units in the last place of the exact result (checked against long double).
#pragma once

namespace immersim {

// Natural logarithm of x > 0. Precondition: x is finite and positive.
double portable_log(double x);

// e^x for finite x; overflows to infinity and underflows to zero like std::exp.
double portable_exp(double x);

// x^y for x > 0, as exp(y log x).
double portable_pow(double x, double y);

} // namespace immersim
