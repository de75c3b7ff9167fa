// Package adam trains the traditional Hamiltonian neural network, the
// baseline the sampled networks race against: the same single-hidden-layer
// tanh network as package hnn,
//
//	Ĥ(x) = Σ_m c_m tanh(w_mᵀx + b_m) + c₀,
//
// fitted to observed time derivatives by minimising
//
//	L = 1/(B·D) Σ_k ‖J∇Ĥ(x_k) − ẋ_k‖²,   J = [[0, I_d], [−I_d, 0]],
//
// over mini-batches with Adam, as the paper's PyTorch reference does (see
// docs/method.md, “The baseline: the same network trained by Adam”):
// PyTorch nn.Linear initialisation, sequential batches without shuffling,
// torch.optim.Adam with L2-style weight decay, float64, and after training
// only the output bias set so that Ĥ(x₀) = H₀.
//
// There is no autograd: the input gradient ∇Ĥ is in closed form and the
// gradient of L with respect to the parameters is derived by hand (see
// Trainer.lossGrad). A step streams over its batch row by row with O(M)
// scratch, so the working set stays in cache (faster than three B×M Dgemm
// products), and it does not allocate.
package adam
